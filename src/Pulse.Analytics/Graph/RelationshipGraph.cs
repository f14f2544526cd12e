namespace Pulse.Analytics.Graph;

/// <summary>
/// Customers and the weighted, typed relationships between them: an edge is (from, to, kind), created or
/// strengthened by each event with a counterparty, weakened by event time, removed on request or on erasure.
/// </summary>
/// <remarks>
/// <para>
/// Weights decay in event time: an edge of weight w strengthened Δt after its last event becomes
/// w·2^(−Δt/h) + 1 (h the half-life). The graph keeps every weight as of one landmark time T₀ instead
/// ("forward decay", Cormode, Shkapenyuk, Srivastava &amp; Xu, ICDE 2009): an event at t adds 2^((t − T₀)/h)
/// and the weight at any time T is the stored value times 2^(−(T − T₀)/h). That is the rule above, needs no
/// pass over the edges as time goes on, and gives the same result whatever order events arrive in. Because
/// the factor is common to every edge, the shares of a customer's out-weight, which are all PageRank
/// reads, change only when an event arrives. When the landmark falls 300 half-lives behind, it moves, and
/// every weight is scaled at once (shares again unchanged).
/// </para>
/// <para>
/// Customers are mapped to dense slots 0..<see cref="Slots"/>−1 (an erased customer's slot is reused).
/// Each slot holds its out-arcs by value in one array (16 bytes an arc) and, in a directed graph, the
/// slots that point at it (4 bytes an arc). A mutual edge (undirected graph, or a mutual kind) is two
/// arcs of the same weight. Finding an arc scans the customer's out-list: cheap at the degrees customers
/// have, and no per-edge index to pay for in memory. Measured (GraphMemoryTests, a million random
/// edges among 100,000 customers, arrays grown by doubling): 32 bytes an edge directed, 48 undirected,
/// 117 bytes a customer besides its id string; ten million edges, about 0.3 to 0.5 GB.
/// </para>
/// </remarks>
public sealed class RelationshipGraph
{
    private const int FirstArcCapacity = 4;

    // Events further than this many half-lives from the landmark move it (2^300 is far from overflow).
    private const double MaxExponent = 300;

    // Weights below this are decayed beyond any use and would underflow when the landmark moves.
    private const double NegligibleWeight = 1e-250;

    private readonly RelationshipGraphOptions _options;
    private readonly double _halfLifeTicks;
    private readonly bool[] _mutual;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private readonly List<IArcObserver> _observers = [];
    private string?[] _ids = [];
    private ArcList[] _out = [];
    private SourceList[] _in = [];
    private int _slots;
    private long _landmarkTicks;
    private bool _hasLandmark;

    public RelationshipGraph(RelationshipGraphOptions? options = null, int capacity = 16)
    {
        _options = options ?? new RelationshipGraphOptions();
        _options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _halfLifeTicks = _options.HalfLife.Ticks;
        var kinds = Enum.GetValues<RelationshipKind>();
        _mutual = new bool[kinds.Max(k => (int)k) + 1];
        foreach (var kind in kinds)
        {
            _mutual[(int)kind] = !_options.Directed || _options.MutualKinds.Contains(kind);
        }

        Grow(Math.Max(capacity, 1));
    }

    public RelationshipGraphOptions Options => _options;

    /// <summary>True when edges have a direction (mutual kinds apart).</summary>
    public bool IsDirected => _options.Directed;

    /// <summary>Customers in the graph.</summary>
    public int CustomerCount => _index.Count;

    /// <summary>Slots in use or freed: every customer's slot is below this.</summary>
    public int Slots => _slots;

    /// <summary>Edges: (from, to, kind) triples, a mutual edge counted once.</summary>
    public int EdgeCount { get; private set; }

    /// <summary>Directed arcs: a mutual edge between two customers is two.</summary>
    public long ArcCount { get; private set; }

    /// <summary>The landmark time the stored weights are expressed at (UTC ticks); 0 before the first event.</summary>
    public long LandmarkTicks => _landmarkTicks;

    /// <summary>True when edges of this kind are mutual in this graph.</summary>
    public bool IsMutual(RelationshipKind kind) => _mutual[(int)kind];

    /// <summary>The customer's slot, adding the customer if new.</summary>
    public int AddCustomer(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (_index.TryGetValue(customerId, out var slot))
        {
            return slot;
        }

        if (_free.Count > 0)
        {
            slot = _free.Pop();
        }
        else
        {
            if (_slots == _ids.Length)
            {
                Grow(_ids.Length * 2);
            }

            slot = _slots++;
        }

        _ids[slot] = customerId;
        _index.Add(customerId, slot);
        foreach (var observer in _observers)
        {
            observer.CustomerAdded(slot);
        }

        return slot;
    }

    /// <summary>The customer's slot, if the customer is in the graph.</summary>
    public bool TryGetSlot(string customerId, out int slot) => _index.TryGetValue(customerId, out slot);

    /// <summary>The customer in a slot; throws for a free slot.</summary>
    public string CustomerAt(int slot) =>
        IsActive(slot) ? _ids[slot]! : throw new ArgumentOutOfRangeException(nameof(slot), slot, "No customer holds this slot.");

    /// <summary>True when a customer holds the slot.</summary>
    public bool IsActive(int slot) => (uint)slot < (uint)_slots && _ids[slot] is not null;

    /// <summary>
    /// Records one event on the edge (from, to, kind) at <paramref name="at"/>: its weight w becomes
    /// w·2^(−Δt/h) + <paramref name="amount"/>. Adds the customers and the edge when new.
    /// </summary>
    /// <returns>The edge's weight just after the event.</returns>
    public double Strengthen(string from, string to, RelationshipKind kind, DateTimeOffset at, double amount = 1)
    {
        var u = AddCustomer(from);
        var v = AddCustomer(to);
        return Strengthen(u, v, kind, at.UtcTicks, amount);
    }

    /// <summary>As <see cref="Strengthen(string, string, RelationshipKind, DateTimeOffset, double)"/>, on slots and UTC ticks.</summary>
    public double Strengthen(int from, int to, RelationshipKind kind, long atTicks, double amount = 1)
    {
        CheckActive(from);
        CheckActive(to);
        if (!(amount > 0) || double.IsInfinity(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An event must add a positive, finite amount.");
        }

        if (!_hasLandmark)
        {
            _landmarkTicks = atTicks;
            _hasLandmark = true;
        }

        var exponent = (atTicks - _landmarkTicks) / _halfLifeTicks;
        if (exponent > MaxExponent)
        {
            MoveLandmark(atTicks);
            exponent = 0;
        }

        var added = amount * Math.Pow(2, exponent);
        if (!(added > NegligibleWeight))
        {
            // An event so old that its weight has decayed to nothing by the landmark: it changes nothing.
            return WeightAt(from, to, kind, atTicks);
        }

        var created = Bump(from, to, kind, added);
        if (IsMutual(kind) && from != to)
        {
            Bump(to, from, kind, added);
        }

        if (created)
        {
            EdgeCount++;
        }

        return WeightAt(from, to, kind, atTicks);
    }

    /// <summary>Removes the edge (from, to, kind); false when there is none.</summary>
    public bool Remove(string from, string to, RelationshipKind kind) =>
        _index.TryGetValue(from, out var u) && _index.TryGetValue(to, out var v) && Remove(u, v, kind);

    /// <summary>As <see cref="Remove(string, string, RelationshipKind)"/>, on slots.</summary>
    public bool Remove(int from, int to, RelationshipKind kind)
    {
        if (!IsActive(from) || !IsActive(to) || !RemoveArc(from, to, kind))
        {
            return false;
        }

        if (IsMutual(kind) && from != to)
        {
            RemoveArc(to, from, kind);
        }

        EdgeCount--;
        return true;
    }

    /// <summary>Erases a customer: every edge to or from it goes, then the customer. Returns the edges removed.</summary>
    public int RemoveCustomer(string customerId)
    {
        if (!_index.TryGetValue(customerId, out var u))
        {
            return 0;
        }

        var removed = 0;
        while (_out[u].Count > 0)
        {
            var arc = _out[u].Items[_out[u].Count - 1];
            Remove(u, arc.Target, arc.Kind);
            removed++;
        }

        // What is left pointing at u is one-way: the mutual arcs went with their mirrors above.
        while (_in[u].Count > 0)
        {
            var source = _in[u].Items[_in[u].Count - 1];
            var arcs = _out[source].Items.AsSpan(0, _out[source].Count);
            var kind = default(RelationshipKind);
            foreach (ref readonly var arc in arcs)
            {
                if (arc.Target == u)
                {
                    kind = arc.Kind;
                    break;
                }
            }

            Remove(source, u, kind);
            removed++;
        }

        _index.Remove(customerId);
        _ids[u] = null;
        _out[u].Items = [];
        _in[u].Items = [];
        _free.Push(u);
        foreach (var observer in _observers)
        {
            observer.CustomerRemoved(u);
        }

        return removed;
    }

    /// <summary>Removes every edge whose weight at <paramref name="at"/> is below <paramref name="minimumWeight"/>; returns how many.</summary>
    public int Prune(DateTimeOffset at, double minimumWeight)
    {
        var scale = DecayTo(at.UtcTicks);
        var removed = 0;
        for (var u = 0; u < _slots; u++)
        {
            for (var i = _out[u].Count - 1; i >= 0; i--)
            {
                // The mirror of a mutual edge may have gone already with its twin.
                if (i < _out[u].Count && _out[u].Items[i].Weight * scale < minimumWeight && Remove(u, _out[u].Items[i].Target, _out[u].Items[i].Kind))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>The weight of the edge (from, to, kind) at <paramref name="at"/>; 0 when there is none.</summary>
    public double WeightAt(string from, string to, RelationshipKind kind, DateTimeOffset at) =>
        _index.TryGetValue(from, out var u) && _index.TryGetValue(to, out var v) ? WeightAt(u, v, kind, at.UtcTicks) : 0;

    /// <summary>As <see cref="WeightAt(string, string, RelationshipKind, DateTimeOffset)"/>, on slots and UTC ticks.</summary>
    public double WeightAt(int from, int to, RelationshipKind kind, long atTicks)
    {
        var i = Find(from, to, kind);
        return i < 0 ? 0 : _out[from].Items[i].Weight * DecayTo(atTicks);
    }

    /// <summary>Arcs out of the customer.</summary>
    public int OutDegree(int slot) => _out[slot].Count;

    /// <summary>Arcs into the customer.</summary>
    public int InDegree(int slot) => IsDirected ? _in[slot].Count : _out[slot].Count;

    /// <summary>Arcs at the customer, both ways in a directed graph (as NetworkX's <c>degree</c>), edges in an undirected one.</summary>
    public int Degree(int slot) => IsDirected ? _out[slot].Count + _in[slot].Count : _out[slot].Count;

    /// <summary>The total weight of the customer's arcs at <paramref name="at"/>, counted as <see cref="Degree"/> counts them.</summary>
    public double WeightedDegree(int slot, DateTimeOffset at) =>
        (IsDirected ? _out[slot].Weight + _in[slot].Weight : _out[slot].Weight) * DecayTo(at.UtcTicks);

    /// <summary>The customer's relationships both ways, with their weights at <paramref name="at"/>.</summary>
    public IReadOnlyList<Relationship> RelationshipsOf(string customerId, DateTimeOffset at)
    {
        if (!_index.TryGetValue(customerId, out var u))
        {
            return [];
        }

        var scale = DecayTo(at.UtcTicks);
        var list = new List<Relationship>();
        foreach (var arc in OutArcs(u))
        {
            list.Add(new Relationship(customerId, _ids[arc.Target]!, arc.Kind, arc.Weight * scale));
        }

        if (IsDirected)
        {
            var seen = new HashSet<int>();
            foreach (var source in InSources(u))
            {
                if (source == u || !seen.Add(source))
                {
                    continue;
                }

                foreach (var arc in OutArcs(source))
                {
                    // A mutual arc back is the mirror of one listed above already.
                    if (arc.Target == u && !IsMutual(arc.Kind))
                    {
                        list.Add(new Relationship(_ids[source]!, customerId, arc.Kind, arc.Weight * scale));
                    }
                }
            }
        }

        return list;
    }

    /// <summary>2^(−(t − T₀)/h): multiplies a stored weight into its value at <paramref name="atTicks"/>.</summary>
    public double DecayTo(long atTicks) => _hasLandmark ? Math.Pow(2, -(atTicks - _landmarkTicks) / _halfLifeTicks) : 1;

    /// <summary>The customer's out-arcs (weights as of the landmark).</summary>
    internal ReadOnlySpan<Arc> OutArcs(int slot)
    {
        ref readonly var arcs = ref _out[slot];
        return arcs.Items.AsSpan(0, arcs.Count);
    }

    /// <summary>The slots with an arc into the customer (directed graphs; once per arc).</summary>
    internal ReadOnlySpan<int> InSources(int slot)
    {
        ref readonly var sources = ref _in[slot];
        return sources.Items.AsSpan(0, sources.Count);
    }

    /// <summary>The sum of the customer's out-arc weights as of the landmark (0: no out-arcs, "dangling").</summary>
    internal double OutWeight(int slot) => _out[slot].Weight;

    internal void Attach(IArcObserver observer) => _observers.Add(observer);

    internal void Detach(IArcObserver observer) => _observers.Remove(observer);

    /// <summary>Adds to the arc (from, to, kind), creating it if absent; true when created.</summary>
    private bool Bump(int from, int to, RelationshipKind kind, double added)
    {
        var outBefore = _out[from].Weight;
        var i = Find(from, to, kind);
        var created = i < 0;
        double before = 0;
        if (created)
        {
            var arcs = _out[from].Items;
            if (_out[from].Count == arcs.Length)
            {
                Array.Resize(ref _out[from].Items, Math.Max(FirstArcCapacity, arcs.Length * 2));
            }

            i = _out[from].Count++;
            _out[from].Items[i] = new Arc(to, kind, added);
            ArcCount++;
            if (IsDirected)
            {
                if (_in[to].Count == _in[to].Items.Length)
                {
                    Array.Resize(ref _in[to].Items, Math.Max(FirstArcCapacity, _in[to].Items.Length * 2));
                }

                _in[to].Items[_in[to].Count++] = from;
            }
        }
        else
        {
            before = _out[from].Items[i].Weight;
            _out[from].Items[i].Weight = before + added;
        }

        _out[from].Weight = outBefore + added;
        if (IsDirected)
        {
            _in[to].Weight += added;
        }

        Notify(from, to, before, _out[from].Items[i].Weight, outBefore, _out[from].Weight);
        return created;
    }

    private bool RemoveArc(int from, int to, RelationshipKind kind)
    {
        var i = Find(from, to, kind);
        if (i < 0)
        {
            return false;
        }

        var arcs = _out[from].Items;
        var weight = arcs[i].Weight;
        var last = --_out[from].Count;
        arcs[i] = arcs[last];
        arcs[last] = default;
        ArcCount--;
        var outBefore = _out[from].Weight;
        _out[from].Weight = Subtract(outBefore, weight, arcs.AsSpan(0, last));
        if (IsDirected)
        {
            var sources = _in[to].Items;
            var count = _in[to].Count;
            var j = Array.IndexOf(sources, from, 0, count);
            sources[j] = sources[count - 1];
            _in[to].Count = count - 1;
            _in[to].Weight = count == 1 ? 0 : Math.Max(0, _in[to].Weight - weight);
        }

        Notify(from, to, weight, 0, outBefore, _out[from].Weight);
        return true;
    }

    /// <summary>
    /// The out-weight less a removed arc's. When that arc held most of it, the difference would be mostly
    /// rounding error of the large term, so the rest is summed afresh (rare, and bounded by the degree).
    /// </summary>
    private static double Subtract(double total, double removed, ReadOnlySpan<Arc> rest)
    {
        if (rest.IsEmpty)
        {
            return 0;
        }

        if (removed <= 0.5 * total)
        {
            return total - removed;
        }

        var sum = 0.0;
        foreach (ref readonly var arc in rest)
        {
            sum += arc.Weight;
        }

        return sum;
    }

    private int Find(int from, int to, RelationshipKind kind)
    {
        var arcs = _out[from].Items.AsSpan(0, _out[from].Count);
        for (var i = 0; i < arcs.Length; i++)
        {
            if (arcs[i].Target == to && arcs[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    private void Notify(int from, int to, double before, double after, double outBefore, double outAfter)
    {
        foreach (var observer in _observers)
        {
            observer.ArcChanged(from, to, before, after, outBefore, outAfter);
        }
    }

    /// <summary>Re-expresses every weight at a new landmark; edges that decay to nothing on the way are removed (and reported).</summary>
    private void MoveLandmark(long newLandmarkTicks)
    {
        var scale = Math.Pow(2, -(newLandmarkTicks - _landmarkTicks) / _halfLifeTicks);
        for (var u = 0; u < _slots; u++)
        {
            for (var i = _out[u].Count - 1; i >= 0; i--)
            {
                if (i < _out[u].Count && _out[u].Items[i].Weight * scale < NegligibleWeight)
                {
                    Remove(u, _out[u].Items[i].Target, _out[u].Items[i].Kind);
                }
            }
        }

        for (var u = 0; u < _slots; u++)
        {
            foreach (ref var arc in _out[u].Items.AsSpan(0, _out[u].Count))
            {
                arc.Weight *= scale;
            }

            _out[u].Weight *= scale;
            _in[u].Weight *= scale;
        }

        _landmarkTicks = newLandmarkTicks;
    }

    private void CheckActive(int slot)
    {
        if (!IsActive(slot))
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "No customer holds this slot.");
        }
    }

    private void Grow(int capacity)
    {
        var old = _ids.Length;
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _out, capacity);
        Array.Resize(ref _in, capacity);
        for (var v = old; v < capacity; v++)
        {
            _out[v].Items = [];
            _in[v].Items = [];
        }
    }
}
