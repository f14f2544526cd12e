using System.Numerics;
using System.Runtime.InteropServices;

namespace Pulse.Analytics.Features;

/// <summary>
/// Exponentially decayed counts and amount sums for a fixed set of categories (channels, kinds, ...)
/// at several half-lives, in event time.
/// </summary>
/// <remarks>
/// All values are held as of one reference time, the newest event time seen. A newer event first ages
/// every value to its own time, then adds itself; an older (out-of-order) event adds its weight already
/// aged to the reference time. Both orders give the same result, so arrival order does not matter.
/// Layout: one contiguous block per half-life, so ageing a block is one vectorised multiply.
/// Within a block: [category0 count, category0 sum, category1 count, ...].
/// </remarks>
public sealed class DecayedCounters
{
    private const double Ln2 = 0.69314718055994530942;

    private readonly double[] _halfLivesDays;
    private readonly double[] _values;
    private readonly int _categories;
    private readonly int _blockLength;

    public DecayedCounters(int categories, ReadOnlySpan<double> halfLivesDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(categories);
        if (halfLivesDays.IsEmpty)
        {
            throw new ArgumentException("At least one half-life is needed.", nameof(halfLivesDays));
        }

        foreach (var h in halfLivesDays)
        {
            if (!(h > 0) || double.IsInfinity(h))
            {
                throw new ArgumentOutOfRangeException(nameof(halfLivesDays), h, "Half-lives must be positive and finite.");
            }
        }

        _categories = categories;
        _halfLivesDays = halfLivesDays.ToArray();
        _blockLength = categories * 2;
        _values = new double[_blockLength * _halfLivesDays.Length];
        ReferenceTicks = long.MinValue;
    }

    /// <summary>Number of categories.</summary>
    public int Categories => _categories;

    /// <summary>The half-lives, in days.</summary>
    public ReadOnlySpan<double> HalfLivesDays => _halfLivesDays;

    /// <summary>UTC ticks of the newest event applied; <see cref="long.MinValue"/> when empty.</summary>
    public long ReferenceTicks { get; private set; }

    /// <summary>True when no event was applied.</summary>
    public bool IsEmpty => ReferenceTicks == long.MinValue;

    /// <summary>The raw values as of <see cref="ReferenceTicks"/>, for checkpoints.</summary>
    public ReadOnlySpan<double> RawValues => _values;

    /// <summary>Restores values saved from <see cref="RawValues"/> and <see cref="ReferenceTicks"/>.</summary>
    public void Restore(long referenceTicks, ReadOnlySpan<double> rawValues)
    {
        if (rawValues.Length != _values.Length)
        {
            throw new ArgumentException($"Expected {_values.Length} values, got {rawValues.Length}.", nameof(rawValues));
        }

        rawValues.CopyTo(_values);
        ReferenceTicks = referenceTicks;
    }

    /// <summary>Adds one event of weight 1 and the given amount to one category.</summary>
    public void Add(long eventTicks, int category, double amount)
    {
        CheckCategory(category);
        Advance(eventTicks);
        AddAged(eventTicks, category, amount);
    }

    /// <summary>Adds one event to two categories (e.g. its channel and its kind) with a single ageing step.</summary>
    public void Add(long eventTicks, int firstCategory, int secondCategory, double amount)
    {
        CheckCategory(firstCategory);
        CheckCategory(secondCategory);
        Advance(eventTicks);
        AddAged(eventTicks, firstCategory, amount);
        AddAged(eventTicks, secondCategory, amount);
    }

    /// <summary>Decayed event count of a category as of <paramref name="asOfTicks"/>.</summary>
    /// <remarks>A time before the newest event is clamped to it: events cannot be un-applied.</remarks>
    public double Count(int category, int halfLifeIndex, long asOfTicks) => Read(category, halfLifeIndex, asOfTicks, 0);

    /// <summary>Decayed amount sum of a category as of <paramref name="asOfTicks"/>.</summary>
    public double Sum(int category, int halfLifeIndex, long asOfTicks) => Read(category, halfLifeIndex, asOfTicks, 1);

    private double Read(int category, int halfLifeIndex, long asOfTicks, int slot)
    {
        CheckCategory(category);
        if ((uint)halfLifeIndex >= (uint)_halfLivesDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeIndex));
        }

        if (IsEmpty)
        {
            return 0;
        }

        var value = _values[(halfLifeIndex * _blockLength) + (category * 2) + slot];
        return asOfTicks > ReferenceTicks ? value * Factor(asOfTicks - ReferenceTicks, _halfLivesDays[halfLifeIndex]) : value;
    }

    private void Advance(long eventTicks)
    {
        if (IsEmpty)
        {
            ReferenceTicks = eventTicks;
            return;
        }

        if (eventTicks <= ReferenceTicks)
        {
            return;
        }

        var elapsed = eventTicks - ReferenceTicks;
        for (var h = 0; h < _halfLivesDays.Length; h++)
        {
            Scale(_values.AsSpan(h * _blockLength, _blockLength), Factor(elapsed, _halfLivesDays[h]));
        }

        ReferenceTicks = eventTicks;
    }

    private void AddAged(long eventTicks, int category, double amount)
    {
        var lag = ReferenceTicks - eventTicks;
        for (var h = 0; h < _halfLivesDays.Length; h++)
        {
            var weight = lag > 0 ? Factor(lag, _halfLivesDays[h]) : 1.0;
            var i = (h * _blockLength) + (category * 2);
            _values[i] += weight;
            _values[i + 1] += weight * amount;
        }
    }

    private static double Factor(long elapsedTicks, double halfLifeDays) =>
        Math.Exp(-Ln2 * (elapsedTicks / (double)TimeSpan.TicksPerDay) / halfLifeDays);

    private static void Scale(Span<double> block, double factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && block.Length >= Vector<double>.Count)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(block);
            var f = new Vector<double>(factor);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] *= f;
            }

            i = vectors.Length * Vector<double>.Count;
        }

        for (; i < block.Length; i++)
        {
            block[i] *= factor;
        }
    }

    private void CheckCategory(int category)
    {
        if ((uint)category >= (uint)_categories)
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, $"Category must be in [0, {_categories}).");
        }
    }
}
