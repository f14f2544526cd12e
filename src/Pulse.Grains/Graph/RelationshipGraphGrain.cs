using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pulse.Contracts.Graph;

namespace Pulse.Grains.Graph;

/// <summary>Answers questions about the graph on every silo: a customer's network from their shard, influencers gathered from every shard.</summary>
[StatelessWorker]
public sealed class RelationshipGraphGrain(IGrainFactory grains, IOptions<GraphOptions> options) : Grain, IRelationshipGraphGrain
{
    public Task<CustomerNetwork?> GetNetworkAsync(string customerId, int maxNeighbours = 50)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return grains.GetGrain<IGraphShardGrain>(GraphShards.Of(customerId, options.Value.Shards)).GetNetworkAsync(customerId, maxNeighbours);
    }

    public async Task<IReadOnlyList<Influencer>> GetInfluencersAsync(int top)
    {
        top = Math.Clamp(top, 1, 1_000);
        var lists = await Task.WhenAll(Enumerable.Range(0, options.Value.Shards).Select(s => grains.GetGrain<IGraphShardGrain>(s).GetTopAsync(top)));
        return [.. lists.SelectMany(l => l).OrderByDescending(i => i.Influence).ThenBy(i => i.CustomerId, StringComparer.Ordinal).Take(top)];
    }

    public Task<GraphStatus> GetStatusAsync() => grains.GetGrain<IGraphCensusGrain>(0).GetStatusAsync();
}
