using System.Numerics;
using System.Runtime.InteropServices;

namespace Pulse.Analytics.Segments;

/// <summary>
/// What the segmentation grain hands to the per-silo pre-aggregators after each applied batch: the
/// model version, the standardization (per-feature mean and scale) and the centres in standardized
/// space. Immutable; everything needed to rebuild it is plain arrays (<see cref="Mean"/>,
/// <see cref="Scale"/>, <see cref="Centres"/>' values), so it crosses the wire as they are.
/// </summary>
public sealed class PublishedSegments
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _inverseScale;

    /// <param name="version">The model version the centres are from.</param>
    /// <param name="mean">Per-feature means subtracted before scaling.</param>
    /// <param name="scale">Per-feature scales (positive) the differences are divided by.</param>
    /// <param name="centres">k × d centre values, row-major; empty before the model is seeded.</param>
    public PublishedSegments(long version, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale, ReadOnlySpan<double> centres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        if (mean.IsEmpty || mean.Length != scale.Length)
        {
            throw new ArgumentException($"Expected as many scales as means (at least one), got {mean.Length} and {scale.Length}.", nameof(scale));
        }

        _mean = mean.ToArray();
        _scale = scale.ToArray();
        _inverseScale = new double[_scale.Length];
        for (var i = 0; i < _scale.Length; i++)
        {
            if (!(_scale[i] > 0) || double.IsInfinity(_scale[i]) || !double.IsFinite(_mean[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(scale), _scale[i], "Scales must be positive and finite, means finite.");
            }

            _inverseScale[i] = 1 / _scale[i];
        }

        Version = version;
        Centres = centres.IsEmpty ? null : new Centres(_mean.Length, centres);
    }

    /// <summary>The model version (number of batches applied when published).</summary>
    public long Version { get; }

    /// <summary>Number of features.</summary>
    public int Dimensions => _mean.Length;

    /// <summary>The centres in standardized space; null while the model is not seeded.</summary>
    public Centres? Centres { get; }

    /// <summary>True once there are centres to assign to.</summary>
    public bool IsSeeded => Centres is not null;

    /// <summary>Number of centres (0 before seeding).</summary>
    public int K => Centres?.K ?? 0;

    /// <summary>Per-feature means.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Per-feature scales.</summary>
    public ReadOnlySpan<double> Scale => _scale;

    /// <summary>z = (raw − mean) / scale.</summary>
    public void Standardize(ReadOnlySpan<double> raw, Span<double> z)
    {
        if (raw.Length != _mean.Length || z.Length != _mean.Length)
        {
            throw new ArgumentException($"Expected {_mean.Length} features, got {raw.Length} and {z.Length}.", nameof(raw));
        }

        // Vectorised: this runs once per point a pre-aggregator sees.
        var i = 0;
        if (Vector.IsHardwareAccelerated && raw.Length >= Vector<double>.Count)
        {
            var x = MemoryMarshal.Cast<double, Vector<double>>(raw);
            var mean = MemoryMarshal.Cast<double, Vector<double>>(_mean.AsSpan())[..x.Length];
            var inverse = MemoryMarshal.Cast<double, Vector<double>>(_inverseScale.AsSpan())[..x.Length];
            var into = MemoryMarshal.Cast<double, Vector<double>>(z)[..x.Length];
            for (var v = 0; v < x.Length; v++)
            {
                into[v] = (x[v] - mean[v]) * inverse[v];
            }

            i = x.Length * Vector<double>.Count;
        }

        for (; i < raw.Length; i++)
        {
            z[i] = (raw[i] - _mean[i]) * _inverseScale[i];
        }
    }

    /// <summary>raw = mean + z · scale.</summary>
    public void Unstandardize(ReadOnlySpan<double> z, Span<double> raw)
    {
        if (raw.Length != _mean.Length || z.Length != _mean.Length)
        {
            throw new ArgumentException($"Expected {_mean.Length} features, got {z.Length} and {raw.Length}.", nameof(z));
        }

        for (var i = 0; i < z.Length; i++)
        {
            raw[i] = _mean[i] + (z[i] * _scale[i]);
        }
    }

    /// <summary>The segment of a point in raw units and its squared standardized distance to the centre.</summary>
    public int Assign(ReadOnlySpan<double> raw, out double squaredDistance)
    {
        var centres = Centres ?? throw new InvalidOperationException("The model is not seeded yet: there are no segments to assign to.");
        Span<double> z = raw.Length <= 128 ? stackalloc double[raw.Length] : new double[raw.Length];
        Standardize(raw, z);
        return centres.Nearest(z, out squaredDistance);
    }
}
