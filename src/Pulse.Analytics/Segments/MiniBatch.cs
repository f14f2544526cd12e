using System.Numerics;
using System.Runtime.InteropServices;

namespace Pulse.Analytics.Segments;

/// <summary>
/// What a per-silo pre-aggregator accumulates between two flushes to the segmentation grain: each point
/// is standardized and assigned to its nearest centre of one published model version, and per centre
/// the sum of the standardized points and their count are kept; beside them, the raw-unit mean and
/// variance (so the model's standardizer learns from every point) and a small reservoir sample of raw
/// points (for seeding and for re-placing starved centres). Batches of the same version merge.
/// </summary>
/// <remarks>
/// Only sums and counts travel, not points: a flush costs O(k·d) whatever the number of points. Before
/// the model is seeded there is nothing to assign to; a batch then carries only the statistics and a
/// larger sample (<see cref="SeedingSampleCapacity"/>), from which the model seeds itself.
/// Not thread-safe: one batch per pre-aggregator, merged at flush.
/// </remarks>
public sealed class MiniBatch
{
    /// <summary>Raw points sampled per batch once the model is seeded.</summary>
    public const int DefaultSampleCapacity = 64;

    /// <summary>Raw points sampled per batch while the model is not seeded yet: its seeds come from them.</summary>
    public const int SeedingSampleCapacity = 1024;

    private readonly double[] _sums;
    private readonly long[] _counts;
    private readonly double[] _z;
    private readonly Random _mergeRandom;

    /// <param name="segments">The published model version points are assigned against.</param>
    /// <param name="sampleCapacity">Raw points kept in the sample; null picks by whether the model is seeded.</param>
    /// <param name="seed">Seeds the sample's draws; give each silo its own.</param>
    public MiniBatch(PublishedSegments segments, int? sampleCapacity = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Segments = segments;
        var d = segments.Dimensions;
        _sums = new double[segments.K * d];
        _counts = new long[segments.K];
        _z = new double[d];
        Raw = new RunningStandardizer(d);
        Sample = new ReservoirSample<double[]>(sampleCapacity ?? (segments.IsSeeded ? DefaultSampleCapacity : SeedingSampleCapacity), seed);
        // Merges draw from their own stream, so that merging does not shift the sample's draws.
        _mergeRandom = new Random(unchecked(seed + 0x5eed));
    }

    /// <summary>The published model the points were assigned against.</summary>
    public PublishedSegments Segments { get; }

    /// <summary>Its version.</summary>
    public long Version => Segments.Version;

    /// <summary>Number of centres (0 when the model was not seeded).</summary>
    public int K => _counts.Length;

    /// <summary>Number of features.</summary>
    public int Dimensions => _z.Length;

    /// <summary>Points added (merged batches included).</summary>
    public long Points { get; private set; }

    /// <summary>Sum of the points' squared standardized distances to their centres.</summary>
    public double Inertia { get; private set; }

    /// <summary>Per centre, the sum of its points in standardized space (k × d, row-major).</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Per centre, the number of its points.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Mean and variance of the points in raw units.</summary>
    internal RunningStandardizer Raw { get; }

    /// <summary>A sample of the raw points.</summary>
    internal ReservoirSample<double[]> Sample { get; }

    /// <summary>The sampled raw points.</summary>
    public ReadOnlySpan<double[]> SampleRows => Sample.Items;

    /// <summary>Adds a point in raw units; returns its segment (−1 before the model is seeded).</summary>
    public int Add(ReadOnlySpan<double> raw)
    {
        var d = _z.Length;
        if (raw.Length != d)
        {
            throw new ArgumentException($"Expected {d} features, got {raw.Length}.", nameof(raw));
        }

        var centre = -1;
        var centres = Segments.Centres;
        if (centres is not null)
        {
            Segments.Standardize(raw, _z);
            centre = centres.Nearest(_z, out var distance);
            Accumulate(_sums.AsSpan(centre * d, d), _z);
            _counts[centre]++;
            Inertia += distance;
        }

        Raw.Add(raw);
        Points++;
        var slot = Sample.Reserve();
        if (slot >= 0)
        {
            // Reuse the row of the point replaced: the sample allocates at most its capacity of rows.
            var row = Sample[slot] ?? new double[d];
            raw.CopyTo(row);
            Sample.Set(slot, row);
        }

        return centre;
    }

    /// <summary>Folds in another batch of the same model version (e.g. another silo's); the other is unchanged.</summary>
    public void Merge(MiniBatch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Version != Version || other.K != K || other.Dimensions != Dimensions)
        {
            throw new ArgumentException($"Only batches of the same model version merge: this is version {Version} (k {K}, d {Dimensions}), the other {other.Version} (k {other.K}, d {other.Dimensions}).", nameof(other));
        }

        Accumulate(_sums, other._sums);
        for (var c = 0; c < _counts.Length; c++)
        {
            _counts[c] += other._counts[c];
        }

        Points += other.Points;
        Inertia += other.Inertia;
        Raw.Merge(other.Raw);
        Sample.Merge(other.Sample, _mergeRandom, row => (double[])row.Clone());
    }

    /// <summary>The batch as plain arrays.</summary>
    public MiniBatchState ToState()
    {
        var d = Dimensions;
        var rows = new double[Sample.Count * d];
        for (var i = 0; i < Sample.Count; i++)
        {
            Sample[i].CopyTo(rows, i * d);
        }

        return new MiniBatchState(
            Version,
            [.. Segments.Mean],
            [.. Segments.Scale],
            Segments.Centres is { } centres ? [.. centres.Values] : [],
            [.. _sums],
            [.. _counts],
            Points,
            Inertia,
            Raw.Snapshot(),
            Sample.Capacity,
            Sample.Seen,
            rows);
    }

    /// <summary>Rebuilds a batch from its plain arrays; <paramref name="seed"/> seeds any further sampling.</summary>
    public static MiniBatch FromState(MiniBatchState state, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(state);
        var segments = new PublishedSegments(state.Version, state.Mean, state.Scale, state.Centres);
        var batch = new MiniBatch(segments, state.SampleCapacity, seed);
        var d = segments.Dimensions;
        if (state.Sums.Length != batch._sums.Length || state.Counts.Length != batch._counts.Length || state.SampleRows.Length % d != 0)
        {
            throw new ArgumentException("The sums, counts or sample rows do not fit the centres.", nameof(state));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(state.Points);
        state.Sums.CopyTo(batch._sums, 0);
        state.Counts.CopyTo(batch._counts, 0);
        batch.Points = state.Points;
        batch.Inertia = state.Inertia;
        batch.Raw.Restore(state.Raw);
        var rows = new double[state.SampleRows.Length / d][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = state.SampleRows.AsSpan(i * d, d).ToArray();
        }

        batch.Sample.Restore(state.SampleSeen, rows);
        return batch;
    }

    private static void Accumulate(Span<double> into, ReadOnlySpan<double> add)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && add.Length >= Vector<double>.Count)
        {
            var a = MemoryMarshal.Cast<double, Vector<double>>(add);
            var s = MemoryMarshal.Cast<double, Vector<double>>(into)[..a.Length];
            for (var v = 0; v < a.Length; v++)
            {
                s[v] += a[v];
            }

            i = a.Length * Vector<double>.Count;
        }

        for (; i < add.Length; i++)
        {
            into[i] += add[i];
        }
    }
}
