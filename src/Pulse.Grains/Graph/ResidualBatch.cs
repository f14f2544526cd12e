namespace Pulse.Grains.Graph;

/// <summary>PageRank residual one shard owes another shard's customers.</summary>
/// <param name="Epoch">The resync epoch it belongs to: a shard drops batches of an older one.</param>
/// <param name="FromShard">The sender.</param>
/// <param name="ResyncFlows">True for the one batch each shard sends each other shard when it enters an epoch (possibly empty): the flows of its customers afresh.</param>
/// <param name="Customers">The receiving shard's customers.</param>
/// <param name="Amounts">Residual for each, in the unnormalised units of IncrementalPageRank.</param>
[GenerateSerializer, Immutable, Alias("pulse.ResidualBatch")]
public sealed record ResidualBatch(
    [property: Id(0)] long Epoch,
    [property: Id(1)] int FromShard,
    [property: Id(2)] bool ResyncFlows,
    [property: Id(3)] string[] Customers,
    [property: Id(4)] double[] Amounts);
