using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;
using Pulse.Analytics.Graph;
using Pulse.Contracts.Graph;
using Pulse.Grains.Customers;
using Pulse.Grains.Delivery;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Graph;

/// <summary>
/// One shard of the relationship graph: every relationship at its customers (both ways, so each customer's
/// whole neighbourhood is here), their PageRank by local push (IncrementalPageRank in shard mode), and what
/// it knows of its neighbours in other shards. Nothing is stored: on activation it rebuilds from the
/// interaction log up to where delivery stands, then joins a resync of every shard (see docs/graph.md).
/// </summary>
/// <remarks>
/// Random placement spreads the shards, and the push work with them, over the silos. The grain is kept
/// active: rebuilding costs a read of every relationship in the log.
/// </remarks>
[RandomPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class GraphShardGrain(
    IInteractionLog log,
    IGrainFactory grains,
    IGrainRuntime runtime,
    IOptions<GraphOptions> options,
    ILogger<GraphShardGrain> logger) : Grain, IGraphShardGrain
{
    private readonly GraphOptions _options = options.Value;
    private readonly LogCursor[] _applied = new LogCursor[LogPartitions.Count];
    private readonly HashSet<int> _changed = [];
    private readonly HashSet<int> _awaiting = [];
    private readonly HashSet<int> _flowsEarly = [];
    private readonly CancellationTokenSource _deactivating = new();
    private Dictionary<string, (int Core, string Community, int Size)> _structure = new(StringComparer.Ordinal);
    private RelationshipGraph _graph = null!;
    private IncrementalPageRank? _rankOrNull;
    private KnownScores _known = new();
    private GraphTotals? _totals;
    private InfluenceDistribution? _distribution;
    private double _reportedSum;
    private long _awaitingSinceTicks;
    private int _shard;
    private long _epoch;
    private bool _flushQueued;
    private bool _drainAll;
    private bool _sending;
    private bool _drainWhenSent;
    private long _lastFlushTicks;
    private Task _refresh = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        _shard = (int)this.GetPrimaryKeyLong();
        _graph = new RelationshipGraph(new RelationshipGraphOptions { HalfLife = _options.HalfLife });
        await LoadAliasesAsync();
        var rebuilt = await RebuildAsync(cancellationToken);
        _rankOrNull = IncrementalPageRank.ForShard(_graph, Owns, new IncrementalPageRankOptions { Threshold = _options.PushThreshold });
        LogRebuilt(_shard, _graph.CustomerCount, _graph.ArcCount, rebuilt);

        // Cold estimates next to the other shards' warm ones: every shard recomputes its flows afresh.
        var epoch = await Census.RequestResyncAsync(_epoch);
        EnterEpoch(epoch);
        QueueFlush();
        _refresh = Task.Factory.StartNew(RefreshLoopAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _deactivating.CancelAsync();
        await _refresh;
        Rank.Dispose();
    }

    private IncrementalPageRank Rank => _rankOrNull!;

    private IGraphCensusGrain Census => grains.GetGrain<IGraphCensusGrain>(0);

    public Task ApplyAsync(IReadOnlyList<RelationshipChange> changes)
    {
        Dictionary<int, List<RelationshipChange>>? forward = null;
        foreach (var change in changes)
        {
            var cursor = new LogCursor(change.Transaction, change.Position);
            if (cursor.CompareTo(_applied[change.Partition]) <= 0)
            {
                continue;
            }

            _applied[change.Partition] = cursor;
            if (_aliases.Count == 0)
            {
                Apply(change);
                continue;
            }

            // Under a merged customer's id, the change belongs to its survivor, whose shard delivery did not
            // send it to: the shard of its source (one of the two delivery did send it to) hands it on.
            ApplyTranslated(change);
            if (Owns(change.From) && (IsAbsorbed(change.From) || IsAbsorbed(change.To)))
            {
                var translated = change with { From = Translate(change.From), To = Translate(change.To) };
                if (translated.From != translated.To)
                {
                    var held = (GraphShards.Of(change.From, _options.Shards), GraphShards.Of(change.To, _options.Shards));
                    foreach (var shard in new[] { GraphShards.Of(translated.From, _options.Shards), GraphShards.Of(translated.To, _options.Shards) }.Distinct())
                    {
                        if (shard != held.Item1 && shard != held.Item2)
                        {
                            forward ??= [];
                            (forward.TryGetValue(shard, out var list) ? list : forward[shard] = []).Add(translated);
                        }
                    }
                }
            }
        }

        QueueFlush();
        return forward is null ? Task.CompletedTask : ForwardAsync(forward);
    }

    public Task ReceiveResidualsAsync(ResidualBatch batch)
    {
        if (batch.Epoch < _epoch)
        {
            // Flows the resync replaced.
            return Task.CompletedTask;
        }

        if (batch.Epoch > _epoch)
        {
            EnterEpoch(batch.Epoch);
        }

        for (var i = 0; i < batch.Customers.Length; i++)
        {
            // Residual sent to a customer merged away since: the resync the merge asked for restores the flows.
            if (_aliases.Count == 0 || !IsAbsorbed(batch.Customers[i]))
            {
                Rank.ReceiveResidual(batch.Customers[i], batch.Amounts[i]);
            }
        }

        if (batch.ResyncFlows && !_awaiting.Remove(batch.FromShard))
        {
            _flowsEarly.Add(batch.FromShard);
        }

        QueueFlush();
        return Task.CompletedTask;
    }

    public Task ResyncAsync(long epoch)
    {
        if (epoch > _epoch)
        {
            EnterEpoch(epoch);
            QueueFlush();
        }

        return Task.CompletedTask;
    }

    public Task ReportCustomerAsync(string customerId, double? lifetimeValue, double? churnProbability)
    {
        // A report sent just before its customer was merged away: the survivor reports for both.
        if (IsAbsorbed(customerId))
        {
            return Task.CompletedTask;
        }

        var slot = _graph.AddCustomer(customerId);
        _known.SetScores(slot, lifetimeValue ?? double.NaN, churnProbability ?? double.NaN);
        return Task.CompletedTask;
    }

    public Task<NeighbourFacts> GetFactsAsync(string[] customerIds)
    {
        var influence = new double[customerIds.Length];
        var value = new double[customerIds.Length];
        var risk = new double[customerIds.Length];
        for (var i = 0; i < customerIds.Length; i++)
        {
            if (_graph.TryGetSlot(customerIds[i], out var slot) && Rank.IsOwned(slot))
            {
                influence[i] = InfluenceOf(slot);
                value[i] = _known.LifetimeValue(slot);
                risk[i] = _known.ChurnProbability(slot);
            }
            else
            {
                influence[i] = value[i] = risk[i] = double.NaN;
            }
        }

        return Task.FromResult(new NeighbourFacts(influence, value, risk));
    }

    public Task<CustomerNetwork?> GetNetworkAsync(string customerId, int maxNeighbours) =>
        Task.FromResult(_graph.TryGetSlot(customerId, out var slot) && Rank.IsOwned(slot)
            ? NetworkOf(slot, Math.Clamp(maxNeighbours, 0, 1_000))
            : null);

    public Task<IReadOnlyList<Influencer>> GetTopAsync(int top) => Task.FromResult<IReadOnlyList<Influencer>>(Top(Math.Clamp(top, 1, 10_000)));

    public Task<ShardArcs> GetArcsAsync()
    {
        var customers = new List<string>();
        var influence = new List<double>();
        var from = new List<int>();
        var to = new List<string>();
        var weight = new List<double>();
        for (var v = 0; v < _graph.Slots; v++)
        {
            if (!Rank.IsOwned(v))
            {
                continue;
            }

            var index = customers.Count;
            customers.Add(_graph.CustomerAt(v));
            influence.Add(InfluenceOf(v));
            foreach (var relationship in _graph.RelationshipsOf(customers[index], Now))
            {
                if (relationship.From != customers[index])
                {
                    continue;
                }

                from.Add(index);
                to.Add(relationship.To);
                weight.Add(relationship.Weight);
            }
        }

        return Task.FromResult(new ShardArcs([.. customers], [.. influence], [.. from], [.. to], [.. weight]));
    }

    public Task SetStructureAsync(CustomerStructure structure)
    {
        var next = new Dictionary<string, (int, string, int)>(structure.Customers.Length, StringComparer.Ordinal);
        for (var i = 0; i < structure.Customers.Length; i++)
        {
            var id = structure.Customers[i];
            var entry = (structure.CoreNumbers[i], structure.Communities[i], structure.CommunitySizes[i]);
            next[id] = entry;
            if ((!_structure.TryGetValue(id, out var before) || before != entry) && _graph.TryGetSlot(id, out var slot))
            {
                _changed.Add(slot);
            }
        }

        _structure = next;
        QueueFlush();
        return Task.CompletedTask;
    }

    public async Task FlushAsync()
    {
        _flushQueued = false;
        _lastFlushTicks = Environment.TickCount64;
        if (_awaiting.Count > 0)
        {
            await AskForResyncIfStuckAsync();
            return;
        }

        Rank.Flush(_options.MaxWorkPerFlush);
        if (Rank.HasPendingPushes)
        {
            FlushAfterPauseAsync().Ignore();
        }

        var tell = ChooseCustomersToTell();
        foreach (var slot in tell)
        {
            var network = NetworkOf(slot, _options.TopNeighbours);
            grains.GetGrain<ICustomerInbox>(network.CustomerId).UpdateNetworkAsync(network).Ignore();
        }

        // One batch of residual in flight at a time, sent outside this turn: awaiting it here held the
        // shard (and the relationships queued behind it) until the other shard's own flush was done.
        // Residual gathers in the outbox meanwhile and goes in the next batch.
        if (_sending)
        {
            _drainWhenSent = true;
        }
        else
        {
            var outbox = Rank.DrainOutbox(_drainAll ? 0 : _options.OutboxGather);
            _drainAll = false;
            if (outbox.Count > 0)
            {
                SendResidualAsync(outbox).Ignore();
            }
        }
    }

    private async Task SendResidualAsync(IReadOnlyList<KeyValuePair<string, double>> outbox)
    {
        _sending = true;
        try
        {
            await SendAsync(outbox, resyncFlows: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Residual that did not arrive breaks the invariant across shards: a resync restores it.
            LogSendFailed(ex, _shard);
            EnterEpoch(await Census.RequestResyncAsync(_epoch));
        }
        finally
        {
            _sending = false;
        }

        if (_drainWhenSent)
        {
            _drainWhenSent = false;
            QueueFlush();
        }
    }

    private bool Owns(string customerId) => GraphShards.Of(customerId, _options.Shards) == _shard;

    private DateTimeOffset Now => runtime.TimeProvider.GetUtcNow();

    private void Apply(RelationshipChange change)
    {
        var from = _graph.AddCustomer(change.From);
        var to = _graph.AddCustomer(change.To);
        if (change.End)
        {
            foreach (var kind in change.Kind is { } one ? [one] : Enum.GetValues<RelationshipKind>())
            {
                _graph.Remove(from, to, kind);
                _graph.Remove(to, from, kind);
            }
        }
        else
        {
            _graph.Strengthen(from, to, change.Kind ?? RelationshipKind.Other, change.Ticks);
        }

        foreach (var slot in (ReadOnlySpan<int>)[from, to])
        {
            if (_rankOrNull is not null && Rank.IsOwned(slot))
            {
                _changed.Add(slot);
            }
        }
    }

    private void EnterEpoch(long epoch)
    {
        if (epoch <= _epoch && _epoch != 0)
        {
            return;
        }

        _epoch = epoch;
        Rank.Resync();
        _awaiting.Clear();
        for (var s = 0; s < _options.Shards; s++)
        {
            if (s != _shard)
            {
                _awaiting.Add(s);
            }
        }

        _flowsEarly.Clear();
        _awaitingSinceTicks = Environment.TickCount64;
        var flows = Rank.DrainOutbox();

        // Every other shard gets its batch, empty or not: the batch is how it knows this shard's flows are in.
        SendAsync(flows, resyncFlows: true).Ignore();
    }

    private async Task SendAsync(IReadOnlyList<KeyValuePair<string, double>> outbox, bool resyncFlows)
    {
        // Batches sized exactly: a drain can hold most of the other shards' customers.
        var owners = new int[outbox.Count];
        var counts = new int[_options.Shards];
        for (var i = 0; i < outbox.Count; i++)
        {
            owners[i] = GraphShards.Of(outbox[i].Key, _options.Shards);
            counts[owners[i]]++;
        }

        var ids = new string[_options.Shards][];
        var amounts = new double[_options.Shards][];
        for (var s = 0; s < _options.Shards; s++)
        {
            (ids[s], amounts[s]) = (new string[counts[s]], new double[counts[s]]);
            counts[s] = 0;
        }

        for (var i = 0; i < outbox.Count; i++)
        {
            var (s, at) = (owners[i], counts[owners[i]]++);
            (ids[s][at], amounts[s][at]) = (outbox[i].Key, outbox[i].Value);
        }

        // After a resync every other shard gets its batch, empty or not: it is how it knows the flows are in.
        var epoch = _epoch;
        await Task.WhenAll(Enumerable.Range(0, _options.Shards)
            .Where(s => s != _shard && (resyncFlows || ids[s].Length > 0))
            .Select(s => grains.GetGrain<IGraphShardGrain>(s).ReceiveResidualsAsync(new ResidualBatch(epoch, _shard, resyncFlows, ids[s], amounts[s]))));
    }

    private async Task AskForResyncIfStuckAsync()
    {
        if (Environment.TickCount64 - _awaitingSinceTicks < _options.ResyncTimeout.TotalMilliseconds)
        {
            // Checked again when the next message arrives; the refresh loop looks too.
            return;
        }

        LogResyncStuck(_shard, _epoch, _awaiting.Count);
        EnterEpoch(await Census.RequestResyncAsync(_epoch));
        QueueFlush();
    }

    private async Task ReportAsync()
    {
        var distribution = new InfluenceDistribution();
        var customers = 0L;
        var arcs = 0L;
        for (var v = 0; v < _graph.Slots; v++)
        {
            if (Rank.IsOwned(v))
            {
                customers++;
                arcs += _graph.OutDegree(v);
                distribution.Add(RelativeInfluenceOf(v));
            }
        }

        var sum = Rank.EstimateSum;
        var report = new ShardReport(_shard, _epoch, customers, arcs, sum, Rank.ResidualMass(), distribution.Counts());
        var totals = await Census.ReportAsync(report);
        (_totals, _reportedSum) = (totals, sum);
        _distribution = totals.Distribution.Length == InfluenceDistribution.Bins ? InfluenceDistribution.FromCounts(totals.Distribution) : null;
        if (totals.Epoch > _epoch)
        {
            EnterEpoch(totals.Epoch);
        }
    }

    /// <summary>PageRank of an owned customer: its estimate over Σp of the whole graph (the other shards' as last reported, this one's now).</summary>
    private double InfluenceOf(int slot)
    {
        var total = TotalEstimate;
        return total > 0 ? Rank.Estimate(slot) / total : 0;
    }

    private double RelativeInfluenceOf(int slot) => InfluenceOf(slot) * TotalCustomers;

    private double TotalEstimate => (_totals?.EstimateSum ?? 0) - _reportedSum + Rank.EstimateSum;

    private long TotalCustomers => Math.Max(1, _totals is { } totals ? totals.Customers : _graph.CustomerCount);

    private async Task FlushAfterPauseAsync()
    {
        await Task.Delay(_options.PushPause);
        QueueFlush();
    }

    private void QueueFlush()
    {
        if (!_flushQueued)
        {
            _flushQueued = true;
            this.AsReference<IGraphShardGrain>().FlushAsync().Ignore();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph shard {Shard} rebuilt: {Customers} customers, {Arcs} arcs from {Changes} logged relationship events")]
    private partial void LogRebuilt(int shard, int customers, long arcs, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph shard {Shard} could not send residual; asking for a resync")]
    private partial void LogSendFailed(Exception exception, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph shard {Shard} waited too long in epoch {Epoch} for {Missing} shards' flows; asking for a new resync")]
    private partial void LogResyncStuck(int shard, long epoch, int missing);
}
