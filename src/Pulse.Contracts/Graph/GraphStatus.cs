namespace Pulse.Contracts.Graph;

/// <summary>The relationship graph as a whole.</summary>
/// <param name="Shards">Shards the graph is split into (by customer).</param>
/// <param name="ShardsReporting">Shards that have reported since they (re)started.</param>
/// <param name="Customers">Customers in the graph.</param>
/// <param name="Arcs">Directed arcs (a mutual relationship is two).</param>
/// <param name="Epoch">How many times the shards have re-synchronised their PageRank (each restart of a shard does it once).</param>
/// <param name="ErrorBound">Upper bound on the L1 distance of the published influence from exact PageRank, from the residuals the shards last reported.</param>
/// <param name="Communities">Communities found by the last analysis.</param>
/// <param name="Modularity">Their modularity (higher is more clearly separated; 0.3 and up is usually meaningful).</param>
/// <param name="LastAnalysis">When cores and communities were last computed; null before the first run.</param>
[GenerateSerializer, Immutable, Alias("pulse.GraphStatus")]
public sealed record GraphStatus(
    [property: Id(0)] int Shards,
    [property: Id(1)] int ShardsReporting,
    [property: Id(2)] long Customers,
    [property: Id(3)] long Arcs,
    [property: Id(4)] long Epoch,
    [property: Id(5)] double ErrorBound,
    [property: Id(6)] int Communities,
    [property: Id(7)] double? Modularity,
    [property: Id(8)] DateTimeOffset? LastAnalysis);
