namespace Pulse.Cli.Bench;

/// <summary>What <c>pulse bench graph</c> measured.</summary>
/// <param name="Customers">Customers in the graph when the measurement started.</param>
/// <param name="Arcs">Arcs then.</param>
/// <param name="PreloadSeconds">Time to post the preload (0 when skipped).</param>
/// <param name="SettleSeconds">Time from the end of the preload until the graph held every customer and stopped changing.</param>
/// <param name="TargetRate">Relationships a second asked for.</param>
/// <param name="AchievedRate">Relationships a second sent.</param>
/// <param name="ProbesSent">Probe relationships sent.</param>
/// <param name="TimedOut">Probes not visible within the timeout.</param>
/// <param name="EdgeToVisibleMs">POST of a relationship → the customer's profile shows it (its network's degree), per probe.</param>
/// <param name="ErrorBound">The graph's L1 error bound after the run.</param>
/// <param name="Epoch">Resync epoch after the run (unchanged: no shard restarted).</param>
internal sealed record GraphBenchResult(
    long Customers,
    long Arcs,
    double PreloadSeconds,
    double SettleSeconds,
    double TargetRate,
    double AchievedRate,
    int ProbesSent,
    int TimedOut,
    PercentileSummary? EdgeToVisibleMs,
    double ErrorBound,
    long Epoch);
