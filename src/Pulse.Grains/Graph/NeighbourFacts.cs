namespace Pulse.Grains.Graph;

/// <summary>What a shard knows of some of its customers, for the shards that hold them as neighbours (NaN: not known).</summary>
/// <param name="Influence">PageRank, as the owner computes it now.</param>
/// <param name="LifetimeValue">Last reported lifetime value.</param>
/// <param name="ChurnProbability">Last reported churn risk.</param>
[GenerateSerializer, Immutable, Alias("pulse.NeighbourFacts")]
public sealed record NeighbourFacts(
    [property: Id(0)] double[] Influence,
    [property: Id(1)] double[] LifetimeValue,
    [property: Id(2)] double[] ChurnProbability);
