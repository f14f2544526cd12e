namespace Pulse.Contracts.Graph;

/// <summary>
/// The relationship graph, asked from anywhere: routes each question to the shard that holds the customer,
/// or gathers the shards' answers. A stateless worker: every silo answers locally.
/// </summary>
[Alias("pulse.IRelationshipGraphGrain")]
public interface IRelationshipGraphGrain : IGrainWithIntegerKey
{
    /// <summary>The customer's network as of now, all neighbours included (strongest first, up to <paramref name="maxNeighbours"/>); null when the customer is not in the graph (never had a relationship).</summary>
    [Alias("GetNetworkAsync")]
    Task<CustomerNetwork?> GetNetworkAsync(string customerId, int maxNeighbours = 50);

    /// <summary>The <paramref name="top"/> most influential customers, most influential first.</summary>
    [Alias("GetInfluencersAsync")]
    Task<IReadOnlyList<Influencer>> GetInfluencersAsync(int top);

    /// <summary>The graph as a whole.</summary>
    [Alias("GetStatusAsync")]
    Task<GraphStatus> GetStatusAsync();
}
