namespace Pulse.Cli.Bench;

/// <summary>Phase two: how long an event takes from its POST to being visible on its customer, under a steady load.</summary>
internal sealed record LatencyResult(
    double DurationSeconds,
    double TargetRate,
    double AchievedRate,
    double AcceptedRate,
    double ProbesPerSecond,
    int ProbesSent,
    int TimedOut,
    int Failed,
    PercentileSummary? PostToVisibleMs);
