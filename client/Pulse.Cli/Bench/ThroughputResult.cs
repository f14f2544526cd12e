namespace Pulse.Cli.Bench;

/// <summary>Phase one: events accepted per second with the server as the only limit.</summary>
internal sealed record ThroughputResult(
    double DurationSeconds,
    int Concurrency,
    int BatchSize,
    long Sent,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Failed,
    long Retries,
    double AcceptedPerSecond);
