using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Grains.Graph;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Delivery;

/// <summary>
/// Hands the relationship graph's shards the interactions of a log page that name a counterparty: each
/// change to the shard of either end, with its cursor, so a shard applies it once however often it is
/// handed over. Delivery moves its cursor only after the shards took the page, as with customers.
/// </summary>
public sealed partial class RelationshipDelivery(IGrainFactory grains, IOptions<GraphOptions> options, ILogger<RelationshipDelivery> logger)
{
    public async Task DeliverAsync(int partition, LogPage page, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var byShard = new Dictionary<int, List<RelationshipChange>>();
        for (var i = 0; i < page.Interactions.Count; i++)
        {
            if (RelationshipChange.Of(page.Interactions[i], partition, page.Cursors[i].Transaction) is not { } change)
            {
                continue;
            }

            var from = GraphShards.Of(change.From, settings.Shards);
            var to = GraphShards.Of(change.To, settings.Shards);
            Add(from, change);
            if (to != from)
            {
                Add(to, change);
            }
        }

        if (byShard.Count > 0)
        {
            await Retries.UntilAllTakeAsync(
                byShard,
                (shard, changes) => grains.GetGrain<IGraphShardGrain>(shard).ApplyAsync(changes),
                (ex, failed, attempt) => LogRetry(ex, partition, failed, attempt),
                cancellationToken);
        }

        void Add(int shard, RelationshipChange change)
        {
            if (!byShard.TryGetValue(shard, out var list))
            {
                byShard[shard] = list = [];
            }

            list.Add(change);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relationships of partition {Partition}: {Shards} graph shards did not take them (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int partition, int shards, int attempt);
}
