using System.Runtime.CompilerServices;

namespace Pulse.Analytics.Graph;

/// <summary>
/// Weighted PageRank (the same fixed point as <see cref="PageRank"/>) kept up to date as edges arrive,
/// change weight and leave, at a cost that follows the size of the change rather than of the graph.
/// </summary>
/// <remarks>
/// <para>
/// The method is the local push for dynamic graphs of Zhang, Lofgren &amp; Goel ("Approximate Personalized
/// PageRank on Dynamic Graphs", KDD 2016), carried over from personalised to global PageRank with weights.
/// Let P be the weighted transition matrix with P(u,v) = w(u→v)/W(u), and a zero row for a customer
/// without out-arcs (dangling), α the damping and b = 1 for every customer. The exact solution y of
/// yᵀ(I − αP) = bᵀ, normalised, is PageRank with the dangling rank spread uniformly (NetworkX's default):
/// writing D for the rank the dangling customers hold, PageRank π solves π = ((1 − α) + α·D)·(I − αPᵀ)⁻¹·1/N,
/// a multiple of y (Del Corso, Gullí &amp; Romani 2005 give this linear-system form). So dangling customers
/// need no special case: their rank simply leaves the system, and the normalisation brings it back.
/// </para>
/// <para>
/// Invariant, for every customer v: r(v) = b(v) − p(v) + α·Σ_{u→v} p(u)·P(u,v), an estimate p and a residual
/// r. Then y − p = (I − αPᵀ)⁻¹r, so ‖y − p‖₁ ≤ ‖r‖₁/(1 − α), and the reported scores p/Σp are within
/// 2‖r‖₁/((1 − α)·N) of π in L1 (‖y‖₁ ≥ N). A push at u moves r(u) into p(u) and α·r(u)·P(u,·) into the
/// residuals of u's out-neighbours, which keeps the invariant; a dangling customer's push ends with itself.
/// Pushes run while some |r(v)| &gt; ε·(1 + outdeg(v)) (a push costs 1 + outdeg), so afterwards
/// ‖r‖₁ ≤ ε·(N + arcs): a worst case of 2ε·(1 + arcs/N)/(1 − α) in L1. The residuals left are far from all
/// at their limit: <see cref="ErrorBound"/>, from the actual ‖r‖₁, is 10 to 20 times lower, and the
/// measured error lower again (about 0.4ε to 0.7ε on the graphs of the tests and benchmarks).
/// </para>
/// <para>
/// Order: the largest residuals first, relative to their thresholds, in buckets of powers of two (an
/// approximate Gauss–Southwell order), so that what reaches a customer from several directions is gathered
/// before it is pushed on. Against first-in-first-out, on the 100,000-customer, 1.2-million-arc graph of
/// the benchmarks at ε = 1e-7: 22 % less work for single changes, 38 % less for batches of 100. When more
/// than a tenth of the customers are queued, the queue gives way to sweeps over the slots in order
/// (Gauss–Seidel, in place), pushing those over their threshold times a factor that halves from sweep to
/// sweep, until a sweep at the threshold itself pushes no more than a tenth; the few left go back to the
/// queue. About as many pushes as the queue's, at a third of the time each (see <see cref="Sweep"/>).
/// </para>
/// <para>
/// Cost. The threshold sets it: how far a change must be followed before what is left is below ε
/// everywhere. Measured on the benchmarks' graph (work: customers and arcs visited, against a converged
/// recompute's 19 iterations; time: against its time, 140 ms alone on the machine, 160 to 190 when shared):
/// one edge changed at ε = 1e-7 moves more than half of the customers' scores by more than their
/// threshold, so a flush pushes about 85,000 customers and sweeps 3 or 4 times: 0.07 in work (0.085 to
/// 0.096 of a recompute only as accurate), 0.09 to 0.11 in time (0.18 with the queue alone, since pushes
/// in its order read memory at random where an iteration streams it). At ε = 1e-6 (an L1 error of 7e-7):
/// 0.014 in work, 0.03 in time; at 1e-5 (6e-6): 0.0015 and 0.005. A batch of 100 random edges reaches the
/// whole graph, two pushes a customer at ε = 1e-6: 0.14 in work, 0.20 in time (0.47 with the queue
/// alone); at 1e-7 (5e-8), 0.32 and 0.51; at 1e-5 (7e-6), 0.064 and 0.09 to 0.12. So a tenth of a
/// recompute's time holds for single changes (about a tenth at 1e-7) but for batches of 100 only at
/// 1e-5: at 1e-6 their pushes alone scan as many arcs as two iterations do, and each reads an arc list
/// that is a miss in memory, as each customer is in an iteration.
/// </para>
/// <para>
/// A change to an arc u→v breaks the invariant only where p(u)·P(u,·) changed. When u's out-weight moves by
/// no more than it was, p(u) is scaled by W'(u)/W(u) so that the flow on every other arc stays the same
/// (the trick of Zhang et al.); then only r(u) and r(v) change: O(1). A larger move (an event long after
/// the last one weighs much more than the old, decayed arcs) would put a residual far larger than the
/// change itself on u, so the flows of u's arcs are corrected one by one instead: O(outdeg(u)). A first
/// arc of a dangling customer sends α·p(u) to v; the last arc leaving takes it back. A new customer
/// starts with p = 0, r = 1; an erased one, isolated by then, with p = r = 0 holds the invariant as is.
/// </para>
/// </remarks>
public sealed class IncrementalPageRank : IArcObserver, IDisposable
{
    // Buckets ⌊log₂(|r| / threshold)⌋ = 0..63: ample for a teleport share of 1 and ε ≥ 1e-19.
    private const int Levels = 64;

    // Sweep (see Sweep) once more than one customer in this many is queued.
    private const int SweepShare = 10;

    private readonly RelationshipGraph _graph;
    private readonly double _alpha;
    private readonly double _epsilon;
    private readonly List<int> _touched = [];
    private readonly List<int>[] _buckets = [.. Enumerable.Range(0, Levels).Select(_ => new List<int>())];
    private readonly Func<string, bool>? _owns;
    private readonly List<int> _outboxSlots = [];

    // Customers queued in each bucket (stale entries aside), and in all.
    private readonly int[] _counts = new int[Levels];
    private PushState[] _state = [];
    private PushEstimate[] _estimates = [];

    // The residuals during sweeps (see Sweep); allocated by the first.
    private double[] _swept = [];
    private bool[] _remote = [];
    private double[] _outbox = [];
    private int _top = -1;
    private int _queued;
    private int _stamp;
    private double _sum;
    private int _changes;
    private bool _disposed;

    /// <param name="graph">The graph to follow; every later change to it is folded in.</param>
    /// <param name="options">Damping and the push threshold.</param>
    /// <param name="start">A PageRank of the graph as it is now, to start from (computed here when null).</param>
    public IncrementalPageRank(RelationshipGraph graph, IncrementalPageRankOptions? options = null, PageRankResult? start = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new IncrementalPageRankOptions();
        options.Validate();
        _graph = graph;
        _alpha = options.Damping;
        _epsilon = options.Threshold;
        EnsureCapacity(Math.Max(graph.Slots, 1));
        start ??= PageRank.Compute(graph, new PageRankOptions { Damping = _alpha, Tolerance = 1e-10, MaxIterations = 1_000 });
        if (start.Scores.Length < graph.Slots)
        {
            throw new ArgumentException($"The start has {start.Scores.Length} scores, the graph {graph.Slots} slots.", nameof(start));
        }

        Seed(start.Scores);
        Settle();
        graph.Attach(this);
    }

    private IncrementalPageRank(RelationshipGraph graph, IncrementalPageRankOptions options, Func<string, bool> owns)
    {
        options.Validate();
        _graph = graph;
        _alpha = options.Damping;
        _epsilon = options.Threshold;
        _owns = owns;
        EnsureCapacity(Math.Max(graph.Slots, 1));
        for (var v = 0; v < graph.Slots; v++)
        {
            _remote[v] = graph.IsActive(v) && !owns(graph.CustomerAt(v));
            FollowDegree(v);
        }

        // A cold start (p = 0): the shards of one graph must start from estimates that agree, and zero
        // always does; what the other shards' customers send arrives as residuals.
        ComputeResiduals();
        Settle();
        graph.Attach(this);
    }

    /// <summary>
    /// PageRank over one shard of a graph partitioned by customer: <paramref name="owns"/> says which customers
    /// are this shard's. The shard's graph holds every arc at one of its customers, both ways; the arcs out of
    /// its own customers carry their rank, the arcs out of other shards' customers are there for their
    /// neighbourhoods and are left to those shards. What a push sends to another shard's customer collects in
    /// an outbox (<see cref="DrainOutbox"/>) for the caller to deliver to that shard's
    /// <see cref="ReceiveResidual"/>. Estimates are unnormalised: PageRank is <see cref="Estimate(int)"/>
    /// over the sum of <see cref="EstimateSum"/> across shards. The invariant holds across shards once every
    /// outbox has been delivered, so the error bound is the sum of every shard's <see cref="ResidualMass"/>.
    /// </summary>
    public static IncrementalPageRank ForShard(RelationshipGraph graph, Func<string, bool> owns, IncrementalPageRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(owns);
        return new IncrementalPageRank(graph, options ?? new IncrementalPageRankOptions(), owns);
    }

    /// <summary>True for a shard's PageRank (see <see cref="ForShard"/>).</summary>
    public bool IsShard => _owns is not null;

    /// <summary>Σp over this shard's customers (the whole graph's when not a shard).</summary>
    public double EstimateSum => _sum;

    /// <summary>p(v), unnormalised: about 1/(1 − α) for an average customer.</summary>
    public double Estimate(int slot) => IsOwned(slot) ? _estimates[slot].Estimate : 0;

    /// <summary>True when the slot holds a customer whose rank this instance keeps (always, outside a shard).</summary>
    public bool IsOwned(int slot) => _graph.IsActive(slot) && !_remote[slot];

    /// <summary>‖r‖₁ here, outbox included: the shard's part of the error bound.</summary>
    public double ResidualMass()
    {
        var mass = 0.0;
        for (var v = 0; v < _graph.Slots; v++)
        {
            mass += Math.Abs(_remote[v] ? _outbox[v] : _state[v].Residual);
        }

        return mass;
    }

    /// <summary>
    /// Residuals owed to other shards' customers since the last drain, by customer id, and cleared. With a
    /// <paramref name="gather"/> factor, a customer's residual stays until it exceeds that many times the
    /// push threshold it has at least at home (ε·(1 + the out-degree seen here), never more than its owner's):
    /// most of what one push sends another shard is below the threshold there, so sending it at once only
    /// costs messages. What stays counts in <see cref="ResidualMass"/> like any residual.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> DrainOutbox(double gather = 0)
    {
        // Two passes, so the drained batch (often tens of thousands of customers) is allocated once, to size.
        var count = 0;
        foreach (var slot in _outboxSlots)
        {
            count += IsDue(slot) ? 1 : 0;
        }

        var drained = new KeyValuePair<string, double>[count];
        var (kept, next) = (0, 0);
        for (var i = 0; i < _outboxSlots.Count; i++)
        {
            var slot = _outboxSlots[i];
            if (!_graph.IsActive(slot) || !_remote[slot] || _outbox[slot] == 0)
            {
                _outbox[slot] = 0;
            }
            else if (IsDue(slot))
            {
                drained[next++] = new(_graph.CustomerAt(slot), _outbox[slot]);
                _outbox[slot] = 0;
            }
            else
            {
                _outboxSlots[kept++] = slot;
            }
        }

        _outboxSlots.RemoveRange(kept, _outboxSlots.Count - kept);
        return drained;

        bool IsDue(int slot) =>
            _graph.IsActive(slot) && _remote[slot] && _outbox[slot] != 0 && Math.Abs(_outbox[slot]) > gather * _epsilon * (1 + _graph.OutDegree(slot));
    }

    /// <summary>True when a <see cref="Flush"/> stopped by its work budget left residuals over their thresholds.</summary>
    public bool HasPendingPushes => _top >= 0 || _queued > 0;

    /// <summary>
    /// Adds residual sent by another shard to one of this shard's customers (added to the graph first when new:
    /// the arc that brought the residual may reach this shard after it). Pushed on the next <see cref="Flush"/>.
    /// </summary>
    public void ReceiveResidual(string customerId, double amount)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!double.IsFinite(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A residual must be finite.");
        }

        var slot = _graph.AddCustomer(customerId);
        if (_remote[slot])
        {
            throw new ArgumentException($"Customer '{customerId}' is not this shard's.", nameof(customerId));
        }

        AddResidual(slot, amount);
        _changes++;
    }

    /// <summary>The damping α.</summary>
    public double Damping => _alpha;

    /// <summary>The push threshold ε: a customer's residual is pushed once above ε·(1 + out-degree).</summary>
    public double Threshold => _epsilon;

    /// <summary>The worst-case L1 error after a flush, whatever the residuals: 2ε·(N + arcs)/((1 − α)·N).</summary>
    public double WorstCaseError =>
        _graph.CustomerCount == 0 ? 0 : 2 * _epsilon * (_graph.CustomerCount + _graph.ArcCount) / ((1 - _alpha) * _graph.CustomerCount);

    /// <summary>Graph changes not yet flushed.</summary>
    public int PendingChanges => _changes;

    /// <summary>Pushes since construction.</summary>
    public long TotalPushes { get; private set; }

    /// <summary>Work since construction (see <see cref="PushStatistics.Work"/>).</summary>
    public long TotalWork { get; private set; }

    /// <summary>Sweeps since construction (see <see cref="Sweep"/>; for tests and benchmarks).</summary>
    internal long TotalSweeps { get; private set; }

    /// <summary>The customers whose score moved in the last flush (slots, each once).</summary>
    public IReadOnlyList<int> LastTouched => _touched;

    /// <summary>The customer's PageRank as of the last flush; 0 for a customer not in the graph.</summary>
    public double Score(string customerId) => _graph.TryGetSlot(customerId, out var slot) ? Score(slot) : 0;

    /// <summary>The PageRank of the customer in a slot.</summary>
    public double Score(int slot) => _sum > 0 && IsOwned(slot) ? _estimates[slot].Estimate / _sum : 0;

    /// <summary>All scores, per slot, summing to 1.</summary>
    public double[] Scores()
    {
        var scores = new double[_graph.Slots];
        for (var v = 0; v < scores.Length; v++)
        {
            scores[v] = Score(v);
        }

        return scores;
    }

    /// <summary>Pushes residuals until every one is under its threshold: the scores are then within <see cref="WorstCaseError"/> of PageRank.</summary>
    /// <param name="maxWork">
    /// Stop once this much work (see <see cref="PushStatistics.Work"/>) is done, largest residuals having gone
    /// first; the rest stay queued for the next flush (<see cref="HasPendingPushes"/>). A live shard bounds each
    /// turn this way, so that events keep arriving and customers keep hearing while a large change spreads.
    /// </param>
    public PushStatistics Flush(long maxWork = long.MaxValue)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stamp++;
        _touched.Clear();
        var changes = _changes;
        long pushes = 0, work = changes;
        var dense = _graph.Slots / SweepShare;
        while (true)
        {
            if (_top < 0 || work >= maxWork)
            {
                break;
            }

            if (_queued > dense)
            {
                var (swept, visits) = Sweep(dense, maxWork - work);
                pushes += swept;
                work += visits;
                continue;
            }

            var bucket = _buckets[_top];
            if (bucket.Count == 0)
            {
                _top--;
                continue;
            }

            var u = bucket[^1];
            bucket.RemoveAt(bucket.Count - 1);
            work++;
            if (_estimates[u].Level != _top)
            {
                // Queued again higher up since: this entry is stale.
                continue;
            }

            Dequeue(u);
            if (Math.Abs(_state[u].Residual) > _state[u].Threshold)
            {
                work += Push(u);
                pushes++;
            }
        }

        _changes = 0;
        TotalPushes += pushes;
        TotalWork += work;
        return new PushStatistics(changes, pushes, work, _touched.Count);
    }

    /// <summary>
    /// A bound on the L1 distance of the current scores from the exact PageRank, from the residuals as they
    /// are (O(N)): 2‖r‖₁/((1 − α)·‖y‖₁), with ‖y‖₁ bounded below by max(N, Σp − ‖r‖₁/(1 − α)).
    /// </summary>
    public double ErrorBound()
    {
        var residual = 0.0;
        for (var v = 0; v < _graph.Slots; v++)
        {
            residual += Math.Abs(_state[v].Residual);
        }

        var mass = Math.Max(_graph.CustomerCount, _sum - residual / (1 - _alpha));
        return mass > 0 ? 2 * residual / ((1 - _alpha) * mass) : 0;
    }

    /// <summary>
    /// Recomputes the residuals exactly from the estimate (O(N + arcs)), washing out the rounding that
    /// millions of local updates leave behind, and queues those over their threshold.
    /// </summary>
    /// <remarks>
    /// In a shard, the residuals become 1 − p plus the flow from this shard's own customers, and the outbox
    /// the flow to other shards' customers: every shard of the graph resyncs together and delivers its
    /// outbox, and what the others had sent before is dropped (the caller's epochs), since the flows
    /// afresh replace it. This is also how a shard that restarted cold is brought back in.
    /// </remarks>
    public void Resync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ComputeResiduals();
        for (var v = 0; v < _graph.Slots; v++)
        {
            Enqueue(v);
        }
    }

    /// <summary>Customers of this instance's whose residual is over their threshold: none after a flush (for tests).</summary>
    internal int OverThreshold()
    {
        var over = 0;
        for (var v = 0; v < _graph.Slots; v++)
        {
            over += !_remote[v] && Math.Abs(_state[v].Residual) > _state[v].Threshold ? 1 : 0;
        }

        return over;
    }

    /// <summary>The largest gap between the kept residuals and the ones the invariant gives (for tests).</summary>
    internal double InvariantDrift()
    {
        var kept = (PushState[])_state.Clone();
        var keptOutbox = (double[])_outbox.Clone();
        List<int> keptSlots = [.. _outboxSlots];
        var sum = _sum;
        ComputeResiduals();
        var drift = 0.0;
        for (var v = 0; v < _graph.Slots; v++)
        {
            drift = Math.Max(drift, Math.Abs(kept[v].Residual - _state[v].Residual));
        }

        for (var v = 0; v < _graph.Slots; v++)
        {
            if (_remote[v])
            {
                drift = Math.Max(drift, Math.Abs(keptOutbox[v] - _outbox[v]));
            }
        }

        _state = kept;
        _outbox = keptOutbox;
        _outboxSlots.Clear();
        _outboxSlots.AddRange(keptSlots);
        _sum = sum;
        return drift;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _graph.Detach(this);
            _disposed = true;
        }
    }

    void IArcObserver.CustomerAdded(int customer)
    {
        EnsureCapacity(customer + 1);
        _estimates[customer].Estimate = 0;
        _state[customer].Residual = 0;
        _outbox[customer] = 0;
        _remote[customer] = _owns is not null && !_owns(_graph.CustomerAt(customer));
        FollowDegree(customer);
        if (_remote[customer])
        {
            return;
        }

        AddResidual(customer, 1);
        _changes++;
    }

    void IArcObserver.CustomerRemoved(int customer)
    {
        // Out of the queue now, so that whoever takes the slot next starts unqueued, another shard's customer included.
        Dequeue(customer);
        _sum -= _estimates[customer].Estimate;
        _estimates[customer].Estimate = 0;
        _state[customer].Residual = 0;
        _outbox[customer] = 0;
        _remote[customer] = false;
        FollowDegree(customer);
        _changes++;
    }

    void IArcObserver.ArcChanged(int from, int to, double before, double after, double outBefore, double outAfter)
    {
        if (_remote[from])
        {
            // Another shard's customer: its shard holds all its arcs and carries its flow.
            return;
        }

        _changes++;
        FollowDegree(from);
        var p = _estimates[from].Estimate;
        if (p == 0)
        {
            return;
        }

        if (outBefore <= 0)
        {
            // u was dangling: its whole flow now goes down its first arc.
            AddResidual(to, _alpha * p * after / outAfter);
        }
        else if (outAfter <= 0)
        {
            // u's last arc left: the flow it carried stops.
            AddResidual(to, -_alpha * p * before / outBefore);
        }
        else if (Math.Abs(outAfter - outBefore) <= outBefore)
        {
            // Scale p(u) with u's out-weight: every other arc keeps its flow, only u and v move.
            var scaled = p * (outAfter - outBefore) / outBefore;
            AddResidual(to, _alpha * p * (after - before) / outBefore);
            _estimates[from].Estimate = p + scaled;
            _sum += scaled;
            AddResidual(from, -scaled);
        }
        else
        {
            // Correct each arc's flow from p(u)·w/W to p(u)·w/W'; the changed arc's old flow was p(u)·before/W.
            var factor = _alpha * p * (1 / outAfter - 1 / outBefore);
            foreach (ref readonly var arc in _graph.OutArcs(from))
            {
                AddResidual(arc.Target, factor * arc.Weight);
            }

            AddResidual(to, _alpha * p * (after - before) / outBefore);
        }
    }

    /// <summary>Moves r(u) into p(u) and α·r(u) along u's arcs, queueing whom it lifts over their limit; returns the arcs scanned plus one.</summary>
    private int Push(int u)
    {
        var arcs = _graph.OutArcs(u);
        var delta = _state[u].Residual;
        _state[u].Residual = 0;
        Absorb(u, delta);
        if (arcs.IsEmpty)
        {
            return 1;
        }

        var share = _alpha * delta / _graph.OutWeight(u);
        foreach (ref readonly var arc in arcs)
        {
            AddResidual(arc.Target, share * arc.Weight);
        }

        return 1 + arcs.Length;
    }

    /// <summary>p(u) += δ, noting u as touched in this flush.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Absorb(int u, double delta)
    {
        ref var estimate = ref _estimates[u];
        estimate.Estimate += delta;
        _sum += delta;
        if (estimate.Flush != _stamp)
        {
            estimate.Flush = _stamp;
            _touched.Add(u);
        }
    }

    /// <summary>
    /// Gauss–Seidel sweeps, taken when more than <paramref name="dense"/> customers are queued: every
    /// customer over its threshold times a factor is pushed, in slot order and in place, the factor halving
    /// from sweep to sweep down to 1; then sweeps at 1 while more than <paramref name="dense"/> are pushed;
    /// then the few left are queued again; or sooner, after the sweep that spends <paramref name="budget"/>
    /// (the flush's work budget is kept to within one sweep). Returns the pushes and the work.
    /// </summary>
    /// <remarks>
    /// A push reads the customer's arc list, a miss in memory wherever it lies; in the queue's order every
    /// one of those misses waits on the entries before it, and each arc tests its target against its limit
    /// in 16-byte entries that do not fit in a core's cache. A sweep walks the customers in order, so that
    /// the processor runs ahead of the misses, and scatters the residuals into an array of their own, 8 bytes
    /// a customer (800 kB at 100,000, within a core's cache), untested, since the sweep comes by each anyway.
    /// The first factor is the floor of the highest bucket that <paramref name="dense"/> queued customers
    /// reach, so that even the first sweep pushes many, and large residuals still go before small ones (a
    /// sweep at the threshold alone pushes half as many again). Sweeps run from the last slot down: arcs
    /// point mostly from newer customers to older ones (a newcomer refers or mentions someone already
    /// there), so what a push sends along them is mostly collected later in the same sweep.
    /// </remarks>
    private (long Pushes, long Work) Sweep(int dense, long budget)
    {
        var floor = _top;
        for (var above = 0; floor > 0 && (above += _counts[floor]) < dense; floor--)
        {
        }

        for (var level = 0; level <= _top; level++)
        {
            foreach (var v in _buckets[level])
            {
                Dequeue(v);
            }

            _buckets[level].Clear();
        }

        _top = -1;
        var slots = _graph.Slots;
        if (_swept.Length < slots)
        {
            _swept = new double[_state.Length];
        }

        var residuals = _swept.AsSpan(0, slots);
        for (var v = 0; v < slots; v++)
        {
            residuals[v] = _state[v].Residual;
        }

        long pushes = 0, work = 0;
        var factor = MathF.ScaleB(1, floor);
        while (true)
        {
            var swept = 0;
            for (var u = slots - 1; u >= 0; u--)
            {
                // Another shard's customer has an infinite threshold: what reaches it waits here for the outbox.
                if (Math.Abs(residuals[u]) > _state[u].Threshold * factor)
                {
                    work += SweepPush(u, residuals);
                    swept++;
                }
            }

            pushes += swept;
            work += slots;
            TotalSweeps++;
            if ((factor == 1 && swept <= dense) || work + slots >= budget)
            {
                break;
            }

            factor = Math.Max(1, factor / 2);
        }

        // Back in place: those still over their threshold are queued, and what reached another shard's customers goes to the outbox.
        for (var v = 0; v < slots; v++)
        {
            _state[v].Residual = 0;
            AddResidual(v, residuals[v]);
        }

        return (pushes, work + slots);
    }

    /// <summary>A push within a sweep: into the sweep's residuals, and nobody queued, since the sweep comes by.</summary>
    private int SweepPush(int u, Span<double> residuals)
    {
        var arcs = _graph.OutArcs(u);
        var delta = residuals[u];
        residuals[u] = 0;
        Absorb(u, delta);
        if (arcs.IsEmpty)
        {
            return 1;
        }

        var share = _alpha * delta / _graph.OutWeight(u);
        foreach (ref readonly var arc in arcs)
        {
            residuals[arc.Target] += share * arc.Weight;
        }

        return 1 + arcs.Length;
    }

    /// <summary>r(v) += amount; queues v when that takes it over its limit, or sends it to the outbox when another shard's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddResidual(int v, double amount)
    {
        ref var state = ref _state[v];
        state.Residual += amount;
        if (Math.Abs(state.Residual) > state.Limit)
        {
            if (state.Limit < 0)
            {
                ToOutbox(v);
            }
            else
            {
                Enqueue(v);
            }
        }
    }

    /// <summary>Moves what reached another shard's customer to the outbox.</summary>
    private void ToOutbox(int v)
    {
        var amount = _state[v].Residual;
        _state[v].Residual = 0;
        if (amount == 0)
        {
            return;
        }

        if (_outbox[v] == 0)
        {
            _outboxSlots.Add(v);
        }

        _outbox[v] += amount;
    }

    private void Enqueue(int v)
    {
        ref var state = ref _state[v];
        if (_remote[v] || !(Math.Abs(state.Residual) > state.Limit))
        {
            return;
        }

        // The bucket is ⌊log₂(|r| / threshold)⌋; the limit moves to the next bucket's floor, so that the
        // customer is queued again (higher) only once its residual has doubled.
        var level = Math.Clamp(Math.ILogB(Math.Abs(state.Residual) / state.Threshold), 0, Levels - 1);
        ref var queued = ref _estimates[v].Level;
        if (queued < 0)
        {
            _queued++;
        }
        else
        {
            _counts[queued]--;
        }

        queued = level;
        _counts[level]++;
        state.Limit = level == Levels - 1 ? float.PositiveInfinity : Narrow(Math.ScaleB((double)state.Threshold, level + 1));
        _buckets[level].Add(v);
        _top = Math.Max(_top, level);
    }

    /// <summary>Takes v out of the queue (its entry in the bucket goes stale) and its limit back to its threshold.</summary>
    private void Dequeue(int v)
    {
        ref var queued = ref _estimates[v].Level;
        if (queued < 0)
        {
            return;
        }

        _counts[queued]--;
        _queued--;
        queued = -1;
        _state[v].Limit = _state[v].Threshold;
    }

    /// <summary>Sets the threshold from the current out-degree (and the limit, unless queued or another shard's).</summary>
    private void FollowDegree(int v)
    {
        ref var state = ref _state[v];
        state.Threshold = Narrow(_epsilon * (1 + _graph.OutDegree(v)));
        if (_remote[v])
        {
            // Never pushed nor queued here: what reaches it goes to the outbox.
            state.Threshold = float.PositiveInfinity;
            state.Limit = -1;
        }
        else if (_estimates[v].Level < 0)
        {
            state.Limit = state.Threshold;
        }
    }

    /// <summary>A limit as a float no larger than it: a customer is at worst pushed a little early, never late.</summary>
    private static float Narrow(double limit)
    {
        var narrow = (float)limit;
        return narrow > limit ? MathF.BitDecrement(narrow) : narrow;
    }

    /// <summary>p from a PageRank vector π: y = N·π/((1 − α) + α·D), D the rank of the dangling customers.</summary>
    private void Seed(double[] scores)
    {
        var dangling = 0.0;
        var total = 0.0;
        for (var v = 0; v < _graph.Slots; v++)
        {
            if (_graph.IsActive(v))
            {
                total += scores[v];
                dangling += _graph.OutDegree(v) == 0 ? scores[v] : 0;
            }
        }

        var scale = total > 0 ? _graph.CustomerCount / ((1 - _alpha) * total + _alpha * dangling) : 0;
        for (var v = 0; v < _graph.Slots; v++)
        {
            _estimates[v].Estimate = _graph.IsActive(v) ? scores[v] * scale : 0;
            FollowDegree(v);
        }

        ComputeResiduals();
    }

    /// <summary>r = b − p + αPᵀp, exactly, and Σp afresh.</summary>
    private void ComputeResiduals()
    {
        var slots = _graph.Slots;
        _sum = 0;
        foreach (var slot in _outboxSlots)
        {
            _outbox[slot] = 0;
        }

        _outboxSlots.Clear();
        for (var v = 0; v < slots; v++)
        {
            _state[v].Residual = IsOwned(v) ? 1 - _estimates[v].Estimate : 0;
            _sum += _estimates[v].Estimate;
        }

        for (var u = 0; u < slots; u++)
        {
            var arcs = _graph.OutArcs(u);
            var p = _estimates[u].Estimate;
            if (arcs.IsEmpty || p == 0 || _remote[u])
            {
                continue;
            }

            var share = _alpha * p / _graph.OutWeight(u);
            foreach (ref readonly var arc in arcs)
            {
                if (_remote[arc.Target])
                {
                    AddResidual(arc.Target, share * arc.Weight);
                }
                else
                {
                    _state[arc.Target].Residual += share * arc.Weight;
                }
            }
        }
    }

    /// <summary>Pushes from the seed until every residual is under its threshold: sweeps while many are over it.</summary>
    private void Settle()
    {
        for (var v = 0; v < _graph.Slots; v++)
        {
            Enqueue(v);
        }

        Flush();
        TotalPushes = 0;
        TotalWork = 0;
        TotalSweeps = 0;
    }

    private void EnsureCapacity(int slots)
    {
        if (slots <= _state.Length)
        {
            return;
        }

        var old = _state.Length;
        var length = Math.Max(slots, old * 2);
        Array.Resize(ref _state, length);
        Array.Resize(ref _estimates, length);
        Array.Resize(ref _remote, length);
        Array.Resize(ref _outbox, length);
        for (var v = old; v < length; v++)
        {
            _estimates[v].Level = -1;
        }
    }
}
