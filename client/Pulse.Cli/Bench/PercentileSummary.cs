namespace Pulse.Cli.Bench;

/// <summary>The distribution of a set of samples (milliseconds, for latencies).</summary>
internal sealed record PercentileSummary(int Count, double Min, double Mean, double P50, double P95, double P99, double Max);
