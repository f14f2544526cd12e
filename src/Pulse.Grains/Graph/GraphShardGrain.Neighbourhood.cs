using Microsoft.Extensions.Logging;
using Pulse.Analytics.Graph;
using Pulse.Contracts.Graph;
using Pulse.Grains.Delivery;

namespace Pulse.Grains.Graph;

/// <summary>The shard's rebuild, its refresh of what it knows of other shards' customers, and what it tells its own.</summary>
public sealed partial class GraphShardGrain
{
    /// <summary>Every logged relationship at this shard's customers, up to where each partition's delivery stands (later ones it will deliver).</summary>
    private async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        for (var partition = 0; partition < _applied.Length; partition++)
        {
            var upTo = await grains.GetGrain<IInteractionDeliveryGrain>(partition).GetCursorAsync();
            await foreach (var (interaction, cursor) in log.ReadRelationshipsAsync(partition, upTo, cancellationToken))
            {
                if (RelationshipChange.Of(interaction, partition, cursor.Transaction) is { } change && ApplyTranslated(change))
                {
                    applied++;
                }
            }

            _applied[partition] = upTo;
        }

        return applied;
    }

    /// <summary>
    /// In real time (like delivery, not on the grain clock): a report every report interval, so that totals
    /// settle once the graph is quiet, and a refresh of the neighbours' scores every refresh interval.
    /// </summary>
    private async Task RefreshLoopAsync()
    {
        var token = _deactivating.Token;
        var lastRefresh = Environment.TickCount64;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReportInterval, token);
                if (_awaiting.Count > 0)
                {
                    await AskForResyncIfStuckAsync();
                    continue;
                }

                // Quiet for a tick: what gathered in the outbox goes now, so a quiet graph settles fully.
                if (Environment.TickCount64 - _lastFlushTicks >= _options.ReportInterval.TotalMilliseconds)
                {
                    _drainAll = true;
                    QueueFlush();
                }

                await ReportAsync();
                if (Environment.TickCount64 - lastRefresh >= _options.NeighbourRefreshInterval.TotalMilliseconds)
                {
                    lastRefresh = Environment.TickCount64;
                    await RefreshNeighboursAsync();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(ex, _shard);
            }
        }
    }

    /// <summary>Asks each other shard for its customers' influence, value and risk; whoever's network value or contagion moved is told.</summary>
    private async Task RefreshNeighboursAsync()
    {
        var wanted = new Dictionary<int, (List<string> Ids, List<int> Slots)>();
        for (var v = 0; v < _graph.Slots; v++)
        {
            if (!_graph.IsActive(v))
            {
                continue;
            }

            if (Rank.IsOwned(v))
            {
                _known.SetInfluence(v, InfluenceOf(v));
                continue;
            }

            var id = _graph.CustomerAt(v);
            var owner = GraphShards.Of(id, _options.Shards);
            if (!wanted.TryGetValue(owner, out var list))
            {
                wanted[owner] = list = ([], []);
            }

            list.Ids.Add(id);
            list.Slots.Add(v);
        }

        var answers = await Task.WhenAll(wanted.Select(async p => (p.Value, Facts: await grains.GetGrain<IGraphShardGrain>(p.Key).GetFactsAsync([.. p.Value.Ids]))));
        foreach (var ((ids, slots), facts) in answers)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                // The graph may have changed while the answers were on their way.
                if (_graph.IsActive(slots[i]) && _graph.CustomerAt(slots[i]) == ids[i])
                {
                    _known.SetInfluence(slots[i], facts.Influence[i]);
                    _known.SetScores(slots[i], facts.LifetimeValue[i], facts.ChurnProbability[i]);
                }
            }
        }

        // Straight from the arrays, allocating nothing per customer: a list of relationships for each of tens of
        // thousands of customers every refresh made collections that stalled the whole silo. Unknown values
        // count as 0 here; a customer whose figures moved is told, and NetworkOf then says which are unknown.
        _known.EnsureSize(_graph.Slots);
        var customers = TotalCustomers;
        for (var v = 0; v < _graph.Slots; v++)
        {
            if (Rank.IsOwned(v) && _graph.Degree(v) > 0)
            {
                var value = NetworkFeatures.NetworkValue(_graph, v, _known.Influences, _known.Values, customers);
                var contagion = NetworkFeatures.ChurnContagion(_graph, v, _known.Risks, _options.ChurnRiskThreshold);
                if (_known.NetworkMoved(v, value == 0 ? null : value, contagion == 0 ? null : contagion, _options.NotifyRelativeChange)
                    || Moved(_known.ToldInfluence(v), RelativeInfluenceOf(v)))
                {
                    _changed.Add(v);
                }
            }
        }

        if (_changed.Count > 0)
        {
            QueueFlush();
        }
    }

    /// <summary>
    /// Customers whose relationships or structure changed (or whose scores the refresh found moved), up to the
    /// cap per flush; the rest wait for the next. Influence that drifts as pushes spread is left to the refresh:
    /// telling every customer a push touched would cost more messages than the pushes themselves.
    /// </summary>
    private List<int> ChooseCustomersToTell()
    {
        var cap = _options.MaxNotificationsPerFlush;
        var tell = new List<int>();
        foreach (var slot in _changed)
        {
            if (tell.Count >= cap)
            {
                break;
            }

            if (Rank.IsOwned(slot))
            {
                tell.Add(slot);
            }
        }

        foreach (var slot in tell)
        {
            _changed.Remove(slot);
        }

        _changed.RemoveWhere(slot => !Rank.IsOwned(slot));

        if (_changed.Count > 0)
        {
            QueueFlush();
        }

        return tell;
    }

    private bool Moved(double told, double now) =>
        double.IsNaN(told) || Math.Abs(now - told) > _options.NotifyRelativeChange * Math.Max(told, 1e-9);

    /// <summary>An owned customer's network now (and recorded as told).</summary>
    private CustomerNetwork NetworkOf(int slot, int maxNeighbours)
    {
        var id = _graph.CustomerAt(slot);
        var now = Now;
        var relationships = _graph.RelationshipsOf(id, now);
        var customers = TotalCustomers;

        // One pass over the neighbours: what the list shows, and what NetworkFeatures reads from the arrays
        // (owned neighbours' influence brought up to date first).
        _known.EnsureSize(_graph.Slots);
        _known.SetInfluence(slot, InfluenceOf(slot));
        bool anyValue = false, anyRisk = false;
        var all = new List<NetworkNeighbour>(relationships.Count);
        foreach (var r in relationships)
        {
            var outward = r.From == id;
            var other = outward ? r.To : r.From;
            var direction = _graph.IsMutual(r.Kind) ? "mutual" : outward ? "out" : "in";
            double? influence = null, value = null, risk = null;
            if (_graph.TryGetSlot(other, out var o))
            {
                if (Rank.IsOwned(o))
                {
                    _known.SetInfluence(o, InfluenceOf(o));
                }

                influence = _known.Influence(o) * customers;
                value = Known(_known.LifetimeValue(o));
                risk = Known(_known.ChurnProbability(o));
                anyValue |= outward && value is not null;
                anyRisk |= risk is not null;
            }

            all.Add(new NetworkNeighbour(other, RelationshipChange.NameOf(r.Kind), direction, r.Weight, influence, value, risk));
        }

        var neighbours = all
            .OrderByDescending(n => n.Weight)
            .ThenBy(n => n.CustomerId, StringComparer.Ordinal)
            .Take(maxNeighbours)
            .ToList();

        // NetworkFeatures' definitions, or null while no neighbour's value or risk is known.
        double? networkValue = anyValue ? NetworkFeatures.NetworkValue(_graph, slot, _known.Influences, _known.Values, customers) : null;
        double? contagion = anyRisk ? NetworkFeatures.ChurnContagion(_graph, slot, _known.Risks, _options.ChurnRiskThreshold) : null;
        var relative = RelativeInfluenceOf(slot);
        _known.Told(slot, relative, networkValue, contagion);
        _structure.TryGetValue(id, out var structure);
        return new CustomerNetwork(
            id,
            InfluenceOf(slot),
            relative,
            _distribution?.PercentileOf(relative),
            relationships.Count,
            relationships.Sum(r => r.Weight),
            structure.Community is null ? null : structure.Core,
            structure.Community,
            structure.Community is null ? null : structure.Size,
            networkValue,
            contagion,
            neighbours,
            now);
    }

    private List<Influencer> Top(int top)
    {
        var heap = new PriorityQueue<int, double>(top + 1);
        for (var v = 0; v < _graph.Slots; v++)
        {
            if (Rank.IsOwned(v))
            {
                heap.Enqueue(v, Rank.Estimate(v));
                if (heap.Count > top)
                {
                    heap.Dequeue();
                }
            }
        }

        var list = new List<Influencer>(heap.Count);
        while (heap.TryDequeue(out var v, out _))
        {
            var id = _graph.CustomerAt(v);
            list.Add(new Influencer(id, InfluenceOf(v), RelativeInfluenceOf(v), _graph.RelationshipsOf(id, Now).Count, _structure.TryGetValue(id, out var s) ? s.Community : null));
        }

        list.Reverse();
        return list;
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph shard {Shard} could not refresh its neighbours' scores; it tries again later")]
    private partial void LogRefreshFailed(Exception exception, int shard);
}
