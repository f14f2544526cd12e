using Orleans.Concurrency;
using Pulse.Contracts.Graph;

namespace Pulse.Grains.Graph;

/// <summary>
/// Cluster-internal: one shard of the relationship graph (key: 0..shards−1). It holds every relationship at
/// its customers and their PageRank, which it keeps by local push, exchanging residual with the other shards.
/// </summary>
[Alias("pulse.IGraphShardGrain")]
public interface IGraphShardGrain : IGrainWithIntegerKey
{
    /// <summary>Relationship changes from the log, in commit order per partition; each applied once.</summary>
    [Alias("ApplyAsync")]
    Task ApplyAsync(IReadOnlyList<RelationshipChange> changes);

    /// <summary>Residual from another shard. Interleaves: it only adds numbers, and shards send to each other while flushing.</summary>
    [AlwaysInterleave, Alias("ReceiveResidualsAsync")]
    Task ReceiveResidualsAsync(ResidualBatch batch);

    /// <summary>Enter a resync epoch (the census tells every shard when one restarts).</summary>
    [OneWay, Alias("ResyncAsync")]
    Task ResyncAsync(long epoch);

    /// <summary>A customer's latest lifetime value and churn risk, for their neighbours' network value and churn contagion (null: no news of that one).</summary>
    [OneWay, Alias("ReportCustomerAsync")]
    Task ReportCustomerAsync(string customerId, double? lifetimeValue, double? churnProbability);

    /// <summary>Influence, value and risk of some of this shard's customers. Interleaves: read-only, and shards ask each other.</summary>
    [AlwaysInterleave, Alias("GetFactsAsync")]
    Task<NeighbourFacts> GetFactsAsync(string[] customerIds);

    [AlwaysInterleave, Alias("GetNetworkAsync")]
    Task<CustomerNetwork?> GetNetworkAsync(string customerId, int maxNeighbours);

    [AlwaysInterleave, Alias("GetTopAsync")]
    Task<IReadOnlyList<Influencer>> GetTopAsync(int top);

    /// <summary>The arcs out of this shard's customers, for the whole-graph analysis.</summary>
    [Alias("GetArcsAsync")]
    Task<ShardArcs> GetArcsAsync();

    /// <summary>Cores and communities from the analysis, for this shard's customers.</summary>
    [Alias("SetStructureAsync")]
    Task SetStructureAsync(CustomerStructure structure);

    /// <summary>
    /// Relationship changes another shard re-pointed at a merged customer's survivor and this shard now holds
    /// (it owns the survivor). Not cursor-checked: the forwarding shard applied each once. Interleaves: shards
    /// forward to each other while applying.
    /// </summary>
    [AlwaysInterleave, Alias("ApplyForwardedAsync")]
    Task ApplyForwardedAsync(IReadOnlyList<RelationshipChange> changes);

    /// <summary>
    /// A merge (docs/identity.md): <paramref name="absorbedIds"/> (every id whose forwarding changed, the absorbed
    /// customer's own group included) now forward to <paramref name="survivorId"/>.
    /// Re-points the relationships this shard holds and drops the absorbed customers; answers, for the merges
    /// grain to hand on, the re-pointed relationships that shards holding no copy of them now need.
    /// </summary>
    [Alias("DetachAsync")]
    Task<DetachedRelationships> DetachAsync(string survivorId, string[] absorbedIds);

    /// <summary>The second half of a merge: relationships re-pointed by other shards that this one now holds.</summary>
    [Alias("ReceiveMovedAsync")]
    Task ReceiveMovedAsync(IReadOnlyList<MovedRelationship> relationships);

    /// <summary>Deactivates, so the next call rebuilds the shard from the log under the current merges (after an unmerge).</summary>
    [Alias("RestartAsync")]
    Task RestartAsync();

    /// <summary>Pushes what is pending and tells customers: a message the shard sends itself, so that changes arriving together are flushed together.</summary>
    [OneWay, Alias("FlushAsync")]
    Task FlushAsync();
}
