using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Pulse.Analytics.Clv;

/// <summary>
/// Customers counted by identical (frequency, recency, T): every customer with the same triple adds
/// the same term to a model's log-likelihood, so a fit costs what the distinct triples cost, however
/// many customers there are. Histograms built apart (per silo, per file) merge by adding counts.
/// </summary>
/// <remarks>
/// The counts sit in one open-addressing table (linear probing, at most half full) whose slots hold the
/// triple and its count side by side, so counting a customer whose triple is already there touches one
/// cache line. Triples are equal as the record defines it (0 and −0 are the same recency). The hash
/// mixes every bit of the three values: week-granular triples are whole numbers, and the default hash
/// of a whole-number double leaves its low bits zero.
/// </remarks>
public sealed class RfmHistogram
{
    private const int InitialCapacity = 64;

    private Slot[] _slots = new Slot[InitialCapacity];
    private int _shift = 64 - 6;
    private int _distinct;

    /// <summary>Customers counted.</summary>
    public long Customers { get; private set; }

    /// <summary>Distinct triples.</summary>
    public int Distinct => _distinct;

    /// <summary>The count of each distinct triple, in no particular order.</summary>
    public IReadOnlyDictionary<RfmPoint, long> Counts => new CountsView(this);

    public void Add(RfmPoint point, long customers = 1)
    {
        point.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        Count(point, customers);
        Customers += customers;
    }

    public void Merge(RfmHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);

        // At least the other's size first: its slots come in hash order, and a smaller table would
        // see them bunch up in its first slots until it grew.
        while (_slots.Length < other._slots.Length || (_distinct + other._distinct) * 2 > _slots.Length)
        {
            Grow();
        }

        foreach (var slot in other._slots)
        {
            if (slot.Count != 0)
            {
                Count(slot.Point, slot.Count);
            }
        }

        Customers += other.Customers;
    }

    public static RfmHistogram From(IEnumerable<RfmPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var histogram = new RfmHistogram();
        foreach (var point in points)
        {
            histogram.Add(point);
        }

        return histogram;
    }

    private static bool Same(in RfmPoint x, in RfmPoint y) => x.Frequency == y.Frequency && x.Recency.Equals(y.Recency) && x.T.Equals(y.T);

    private static ulong Hash(in RfmPoint point)
    {
        // Adding +0.0 turns −0.0 into +0.0, so equal values hash alike (a valid point holds no NaN).
        var recency = (ulong)BitConverter.DoubleToInt64Bits(point.Recency + 0.0);
        var t = (ulong)BitConverter.DoubleToInt64Bits(point.T + 0.0);
        var h = (recency * 0x9E3779B97F4A7C15UL) ^ (t * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)(uint)point.Frequency * 0x165667B19E3779F9UL);
        return (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9UL;
    }

    private void Count(in RfmPoint point, long customers)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)(Hash(point) >> _shift);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Count == 0)
            {
                slot.Point = point;
                slot.Count = customers;
                if (++_distinct * 2 > slots.Length)
                {
                    Grow();
                }

                return;
            }

            if (Same(slot.Point, point))
            {
                slot.Count += customers;
                return;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new Slot[old.Length * 2];
        var shift = _shift - 1;
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Count == 0)
            {
                continue;
            }

            var i = (int)(Hash(slot.Point) >> shift);
            while (slots[i].Count != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = slot;
        }

        _slots = slots;
        _shift = shift;
    }

    private int Find(in RfmPoint point)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)(Hash(point) >> _shift);
        while (slots[i].Count != 0)
        {
            if (Same(slots[i].Point, point))
            {
                return i;
            }

            i = (i + 1) & mask;
        }

        return -1;
    }

    /// <summary>A triple and its count; a count of 0 marks an empty slot (every counted triple has at least one customer).</summary>
    private struct Slot
    {
        public RfmPoint Point;
        public long Count;
    }

    /// <summary>The table read as a dictionary.</summary>
    private sealed class CountsView(RfmHistogram histogram) : IReadOnlyDictionary<RfmPoint, long>
    {
        public int Count => histogram._distinct;

        public IEnumerable<RfmPoint> Keys => this.Select(e => e.Key);

        public IEnumerable<long> Values => this.Select(e => e.Value);

        public long this[RfmPoint key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no customers with {key}");

        public bool ContainsKey(RfmPoint key) => histogram.Find(key) >= 0;

        public bool TryGetValue(RfmPoint key, [MaybeNullWhen(false)] out long value)
        {
            var i = histogram.Find(key);
            value = i >= 0 ? histogram._slots[i].Count : 0;
            return i >= 0;
        }

        public IEnumerator<KeyValuePair<RfmPoint, long>> GetEnumerator()
        {
            var slots = histogram._slots;
            foreach (var slot in slots)
            {
                if (slot.Count != 0)
                {
                    yield return new(slot.Point, slot.Count);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
