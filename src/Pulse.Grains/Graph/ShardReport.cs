namespace Pulse.Grains.Graph;

/// <summary>What a shard tells the census about itself.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Epoch">Its resync epoch.</param>
/// <param name="Customers">Customers it owns.</param>
/// <param name="Arcs">Arcs out of them.</param>
/// <param name="EstimateSum">Σp over them (PageRank is p over the graph's Σp).</param>
/// <param name="ResidualMass">‖r‖₁ it holds, outbox included.</param>
/// <param name="Distribution">Counts of its customers' relative influence per bin (InfluenceDistribution).</param>
[GenerateSerializer, Immutable, Alias("pulse.ShardReport")]
public sealed record ShardReport(
    [property: Id(0)] int Shard,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Customers,
    [property: Id(3)] long Arcs,
    [property: Id(4)] double EstimateSum,
    [property: Id(5)] double ResidualMass,
    [property: Id(6)] long[] Distribution);
