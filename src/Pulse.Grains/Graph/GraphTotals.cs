namespace Pulse.Grains.Graph;

/// <summary>The whole graph's figures as the census last summed them: what a shard needs to turn its estimates into PageRank and percentiles.</summary>
/// <param name="Epoch">The current resync epoch.</param>
/// <param name="Customers">Customers over every shard.</param>
/// <param name="EstimateSum">Σp over every shard.</param>
/// <param name="Distribution">Relative influence counts per bin, over every shard.</param>
[GenerateSerializer, Immutable, Alias("pulse.GraphTotals")]
public sealed record GraphTotals(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Customers,
    [property: Id(2)] double EstimateSum,
    [property: Id(3)] long[] Distribution);
