namespace Pulse.Contracts.Operations;

/// <summary>The cluster's recent activity: the silos that reported lately, summed.</summary>
/// <param name="Silos">Silos that reported within the window.</param>
/// <param name="AppliedPerSecond">Interactions applied per second across them.</param>
/// <param name="LatencyP50Ms">Median event time to applied, in ms; null without live events.</param>
/// <param name="LatencyP95Ms">95th percentile, in ms.</param>
/// <param name="LatencyP99Ms">99th percentile, in ms.</param>
[GenerateSerializer, Immutable, Alias("pulse.ClusterActivity")]
public sealed record ClusterActivity(
    [property: Id(0)] int Silos,
    [property: Id(1)] double AppliedPerSecond,
    [property: Id(2)] double? LatencyP50Ms,
    [property: Id(3)] double? LatencyP95Ms,
    [property: Id(4)] double? LatencyP99Ms);
