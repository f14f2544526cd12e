namespace Pulse.Analytics.Segments;

/// <summary>
/// A fixed-size uniform random sample of a stream of unknown length: Vitter's (1985) algorithm R. The
/// first <see cref="Capacity"/> items fill the sample; the t-th item after that replaces a uniformly
/// chosen one with probability capacity / t, so at any time every item seen is in the sample with the
/// same probability. Draws come from a generator seeded at construction, so a run can be replayed.
/// </summary>
/// <remarks>
/// Two extensions keep a sample useful in a stream that changes: an item may stand for several
/// (<see cref="Offer(T, double)"/> with a weight, accepted with probability capacity · weight / seen,
/// Chao's 1982 generalisation, exact while that is at most 1), and <see cref="Forget"/> scales down the
/// weight already seen so that newer items win more places, as the streaming model forgets.
/// </remarks>
public sealed class ReservoirSample<T>
{
    private readonly T[] _items;
    private Random _random;

    public ReservoirSample(int capacity, int seed)
        : this(capacity, new Random(seed))
    {
    }

    public ReservoirSample(int capacity, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentNullException.ThrowIfNull(random);
        _items = new T[capacity];
        _random = random;
    }

    /// <summary>The most items the sample holds.</summary>
    public int Capacity => _items.Length;

    /// <summary>Items held: min(capacity, items seen) unless samples were merged or restored.</summary>
    public int Count { get; private set; }

    /// <summary>The (weighted, possibly decayed) number of items offered so far.</summary>
    public double Seen { get; private set; }

    /// <summary>The items held, in slot order.</summary>
    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    public T this[int slot] => Items[slot];

    /// <summary>Offers one item; true when it was taken into the sample.</summary>
    public bool Offer(T item) => Offer(item, 1);

    /// <summary>Offers an item standing for <paramref name="weight"/> items of the stream.</summary>
    public bool Offer(T item, double weight)
    {
        var slot = Reserve(weight);
        if (slot < 0)
        {
            return false;
        }

        _items[slot] = item;
        return true;
    }

    /// <summary>
    /// Counts one more item and returns the slot it should be stored in (a new one while the sample
    /// fills, holding default(T) until <see cref="Set"/>; else the one it replaces, still holding that
    /// item), or −1 when it is not taken. This lets a caller reuse the storage of the item it replaces
    /// instead of allocating for every candidate.
    /// </summary>
    public int Reserve(double weight = 1)
    {
        if (!(weight > 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be positive and finite.");
        }

        Seen += weight;
        if (Count < _items.Length)
        {
            return Count++;
        }

        // One uniform draw j in [0, seen / weight): taken when j < capacity (probability capacity·weight/seen),
        // and then ⌊j⌋ is uniform over the slots. With weight 1 this is algorithm R's "j in [0, t)".
        var j = _random.NextDouble() * (Seen / weight);
        return j < _items.Length ? (int)j : -1;
    }

    /// <summary>Stores an item in a slot returned by <see cref="Reserve"/>.</summary>
    public void Set(int slot, T item)
    {
        if ((uint)slot >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Slot must be in [0, {Count}).");
        }

        _items[slot] = item;
    }

    /// <summary>
    /// Multiplies the weight already seen by <paramref name="factor"/> (0 &lt; factor ≤ 1): the items
    /// held stay, but each later item is more likely to replace one.
    /// </summary>
    public void Forget(double factor)
    {
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be in (0, 1].");
        }

        Seen = Math.Max(Count, Seen * factor);
    }

    /// <summary>
    /// Replaces this sample with a uniform sample of the union of both streams. Places are filled one
    /// at a time from this side with probability (this side's remaining seen) / (both remaining), else
    /// from the other, taking a random not-yet-taken item of that side: the number from each side is
    /// then hypergeometric, as for a sample drawn from the two streams together. Exact when each side
    /// holds min(capacity, seen) items of equal weight (two unmerged samples of one capacity).
    /// </summary>
    /// <param name="other">The other sample; unchanged.</param>
    /// <param name="random">The draws of the merge (given, so a merge can be replayed).</param>
    /// <param name="take">Applied to each item taken from <paramref name="other"/> (e.g. a copy); null takes it as is.</param>
    public void Merge(ReservoirSample<T> other, Random random, Func<T, T>? take = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(random);
        var mine = _items.AsSpan(0, Count).ToArray();
        var theirs = other.Items.ToArray();
        var size = Math.Min(Capacity, mine.Length + theirs.Length);
        double leftMine = Seen, leftTheirs = other.Seen;
        int poolMine = mine.Length, poolTheirs = theirs.Length;
        for (var slot = 0; slot < size; slot++)
        {
            var fromMine = poolTheirs == 0 || (poolMine > 0 && random.NextDouble() * (leftMine + leftTheirs) < leftMine);
            if (fromMine)
            {
                var pick = random.Next(poolMine);
                _items[slot] = mine[pick];
                mine[pick] = mine[--poolMine];
                leftMine = Math.Max(0, leftMine - 1);
            }
            else
            {
                var pick = random.Next(poolTheirs);
                _items[slot] = take is null ? theirs[pick] : take(theirs[pick]);
                theirs[pick] = theirs[--poolTheirs];
                leftTheirs = Math.Max(0, leftTheirs - 1);
            }
        }

        Array.Clear(_items, size, _items.Length - size);
        Count = size;
        Seen += other.Seen;
    }

    /// <summary>
    /// Draws from <paramref name="random"/> from now on: a holder that persists the sample re-creates the
    /// generator from its own seed and version, so a restored holder draws what the original would have.
    /// </summary>
    internal void UseRandom(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>Empties the sample.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        Count = 0;
        Seen = 0;
    }

    /// <summary>Replaces the contents with saved ones (<see cref="Items"/> and <see cref="Seen"/>).</summary>
    public void Restore(double seen, ReadOnlySpan<T> items)
    {
        if (items.Length > Capacity)
        {
            throw new ArgumentException($"At most {Capacity} items, got {items.Length}.", nameof(items));
        }

        if (!(seen >= items.Length) || double.IsInfinity(seen))
        {
            throw new ArgumentOutOfRangeException(nameof(seen), seen, "Seen must be finite and at least the number of items.");
        }

        Array.Clear(_items);
        items.CopyTo(_items);
        Count = items.Length;
        Seen = seen;
    }
}
