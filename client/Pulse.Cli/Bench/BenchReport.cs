namespace Pulse.Cli.Bench;

/// <summary>What <c>pulse bench</c> measured, as printed and as written by <c>--json</c>.</summary>
internal sealed record BenchReport(
    string Url,
    DateTimeOffset StartedAt,
    int Customers,
    ThroughputResult? Throughput,
    LatencyResult? Latency);
