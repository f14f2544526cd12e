namespace Pulse.Grains.Graph;

/// <summary>A shard's arcs for a whole-graph analysis: each arc out of one of its customers, with its weight now.</summary>
/// <param name="Customers">The shard's customers.</param>
/// <param name="Influence">Their PageRank, in the same order.</param>
/// <param name="From">Per arc, the index of its source in <paramref name="Customers"/>.</param>
/// <param name="To">Per arc, its target.</param>
/// <param name="Weight">Per arc, its weight.</param>
[GenerateSerializer, Immutable, Alias("pulse.ShardArcs")]
public sealed record ShardArcs(
    [property: Id(0)] string[] Customers,
    [property: Id(1)] double[] Influence,
    [property: Id(2)] int[] From,
    [property: Id(3)] string[] To,
    [property: Id(4)] double[] Weight);
