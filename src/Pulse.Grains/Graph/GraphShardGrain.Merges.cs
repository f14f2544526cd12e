using Pulse.Analytics.Graph;
using Pulse.Contracts.Merges;

namespace Pulse.Grains.Graph;

/// <summary>
/// The graph follows merges (docs/identity.md): an absorbed customer's relationships are the survivor's. Every
/// change is translated through the merges (absorbed id → survivor) before it is applied, at delivery and at a
/// rebuild from the log, so the graph is the one the survivor would have had with both histories.
/// </summary>
public sealed partial class GraphShardGrain
{
    private Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public Task ApplyForwardedAsync(IReadOnlyList<RelationshipChange> changes)
    {
        foreach (var change in changes)
        {
            ApplyTranslated(change);
        }

        QueueFlush();
        return Task.CompletedTask;
    }

    public Task<DetachedRelationships> DetachAsync(string survivorId, string[] absorbedIds)
    {
        foreach (var id in absorbedIds)
        {
            _aliases[id] = survivorId;
        }

        var ticks = Now.UtcTicks;
        var kept = new List<MovedRelationship>();
        var moved = new List<MovedRelationship>();
        foreach (var id in absorbedIds)
        {
            foreach (var relationship in _graph.RelationshipsOf(id, Now))
            {
                var (from, to) = (Translate(relationship.From), Translate(relationship.To));
                if (from == to || !(relationship.Weight > 0))
                {
                    continue;
                }

                var shifted = new MovedRelationship(from, to, relationship.Kind, relationship.Weight, ticks, _shard);
                if (Owns(from) || Owns(to))
                {
                    kept.Add(shifted);
                }

                // The shards that held it (its raw ends') re-point their own copies; the one of its source hands it
                // to the shards of its new ends that held none, so each gets it exactly once.
                if (Owns(relationship.From))
                {
                    var held = (GraphShards.Of(relationship.From, _options.Shards), GraphShards.Of(relationship.To, _options.Shards));
                    foreach (var shard in new[] { GraphShards.Of(from, _options.Shards), GraphShards.Of(to, _options.Shards) }.Distinct())
                    {
                        if (shard != held.Item1 && shard != held.Item2)
                        {
                            moved.Add(shifted with { Shard = shard });
                        }
                    }
                }
            }
        }

        var changed = false;
        foreach (var id in absorbedIds)
        {
            if (_graph.TryGetSlot(id, out var slot))
            {
                changed = true;
                _changed.Remove(slot);
                _known.Forget(slot);
                _structure.Remove(id);
                _graph.RemoveCustomer(id);
            }
        }

        ReceiveMoved(kept);
        QueueFlush();
        return Task.FromResult(new DetachedRelationships(changed, moved));
    }

    public Task ReceiveMovedAsync(IReadOnlyList<MovedRelationship> relationships)
    {
        ReceiveMoved(relationships);
        QueueFlush();
        return Task.CompletedTask;
    }

    public Task RestartAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands re-pointed changes to the shards that now hold them. One that cannot take them is restarted, so it
    /// rebuilds from the log with them: the change's cursor has moved here, and delivery will not send it again.
    /// </summary>
    private async Task ForwardAsync(Dictionary<int, List<RelationshipChange>> forward)
    {
        await Task.WhenAll(forward.Select(async f =>
        {
            var shard = grains.GetGrain<IGraphShardGrain>(f.Key);
            try
            {
                await shard.ApplyForwardedAsync(f.Value);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogForwardFailed(ex, _shard, f.Key);
                await shard.RestartAsync();
            }
        }));
    }

    private async Task LoadAliasesAsync()
    {
        var forwarding = await grains.GetGrain<ICustomerMergesGrain>(0).GetForwardingAsync();
        _aliases = new Dictionary<string, string>(forwarding, StringComparer.Ordinal);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Graph shard {Shard} could not forward re-pointed relationships to shard {Target}; restarting it")]
    private partial void LogForwardFailed(Exception exception, int shard, int target);

    private string Translate(string customerId) => _aliases.TryGetValue(customerId, out var survivor) ? survivor : customerId;

    private bool IsAbsorbed(string customerId) => _aliases.ContainsKey(customerId);

    /// <summary>Applies a change under the survivors' ids when this shard holds one of its ends; false when it holds neither.</summary>
    private bool ApplyTranslated(RelationshipChange change)
    {
        var translated = _aliases.Count == 0 ? change : change with { From = Translate(change.From), To = Translate(change.To) };
        if (translated.From == translated.To || !(Owns(translated.From) || Owns(translated.To)))
        {
            return false;
        }

        Apply(translated);
        return true;
    }

    private void ReceiveMoved(IEnumerable<MovedRelationship> relationships)
    {
        foreach (var relationship in relationships)
        {
            var from = _graph.AddCustomer(relationship.From);
            var to = _graph.AddCustomer(relationship.To);
            _graph.Strengthen(from, to, relationship.Kind, relationship.Ticks, relationship.Weight);
            foreach (var slot in (ReadOnlySpan<int>)[from, to])
            {
                if (Rank.IsOwned(slot))
                {
                    _changed.Add(slot);
                }
            }
        }
    }
}
