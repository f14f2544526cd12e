using System.Numerics;
using System.Runtime.InteropServices;

namespace Pulse.Analytics.Segments;

/// <summary>
/// The running mean and variance of each feature of a stream of points, to put features measured in
/// days, counts and money on one scale before clustering. Points are added one at a time with
/// Welford's update (1962, weighted as in West 1979); two accumulators kept apart (one per silo) are
/// combined exactly with the pairwise rule of Chan, Golub &amp; LeVeque (1979), so merging partial
/// statistics gives what one accumulator over all the points would have.
/// </summary>
/// <remarks>
/// The variance is the weighted population variance M2 / W. Forgetting multiplies the weight W and
/// every M2 by a factor a ≤ 1 and leaves the means alone: that is exactly the mean and variance of the
/// same points with every weight multiplied by a, so old points fade without the statistics being
/// re-computed. It is either per point (a half-life in points, applied before each <see cref="Add"/>)
/// or per batch (<see cref="Decay"/>, which the streaming model calls once per mini-batch).
/// </remarks>
public sealed class RunningStandardizer
{
    /// <summary>The smallest variance used to scale a feature: a constant feature maps to 0, not to ±∞.</summary>
    public const double DefaultVarianceFloor = 1e-12;

    private readonly double[] _mean;
    private readonly double[] _m2;
    private readonly double _pointDecay;

    /// <param name="dimensions">Number of features.</param>
    /// <param name="varianceFloor">Variances below this are raised to it when scaling.</param>
    /// <param name="halfLifePoints">After this many further points a point weighs half; infinite (the default) forgets nothing.</param>
    public RunningStandardizer(int dimensions, double varianceFloor = DefaultVarianceFloor, double halfLifePoints = double.PositiveInfinity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (!(varianceFloor > 0) || double.IsInfinity(varianceFloor))
        {
            throw new ArgumentOutOfRangeException(nameof(varianceFloor), varianceFloor, "The variance floor must be positive and finite.");
        }

        if (!(halfLifePoints > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifePoints), halfLifePoints, "The half-life must be positive (infinite forgets nothing).");
        }

        _mean = new double[dimensions];
        _m2 = new double[dimensions];
        VarianceFloor = varianceFloor;
        HalfLifePoints = halfLifePoints;
        _pointDecay = double.IsPositiveInfinity(halfLifePoints) ? 1 : Math.Pow(0.5, 1 / halfLifePoints);
    }

    /// <summary>Number of features.</summary>
    public int Dimensions => _mean.Length;

    /// <summary>Variances below this are raised to it when scaling.</summary>
    public double VarianceFloor { get; }

    /// <summary>The per-point half-life; infinite when points are never forgotten one by one.</summary>
    public double HalfLifePoints { get; }

    /// <summary>Total (decayed) weight of the points seen: their number when nothing is forgotten.</summary>
    public double Weight { get; private set; }

    /// <summary>Per-feature means.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The weighted population variance of a feature (0 before any point).</summary>
    public double Variance(int feature) => Weight > 0 ? Math.Max(0, _m2[feature] / Weight) : 0;

    /// <summary>The standard deviation a feature is divided by: √max(variance, floor).</summary>
    public double Scale(int feature) => Math.Sqrt(Math.Max(Variance(feature), VarianceFloor));

    /// <summary>Adds one point with weight <paramref name="weight"/>, first ageing the others by the per-point decay.</summary>
    public void Add(ReadOnlySpan<double> point, double weight = 1)
    {
        CheckLength(point.Length, nameof(point));
        if (!(weight > 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be positive and finite.");
        }

        if (_pointDecay < 1)
        {
            Decay(_pointDecay);
        }

        Weight += weight;
        var share = weight / Weight;

        // Welford: δ = x − μ; μ += (w/W)·δ; M2 += w·δ·(x − μ_new). Vectorised over the features.
        Span<double> mean = _mean;
        Span<double> m2 = _m2;
        var i = 0;
        if (Vector.IsHardwareAccelerated && point.Length >= Vector<double>.Count)
        {
            var x = MemoryMarshal.Cast<double, Vector<double>>(point);
            var mu = MemoryMarshal.Cast<double, Vector<double>>(mean)[..x.Length];
            var ss = MemoryMarshal.Cast<double, Vector<double>>(m2)[..x.Length];
            var s = new Vector<double>(share);
            var w = new Vector<double>(weight);
            for (var v = 0; v < x.Length; v++)
            {
                var delta = x[v] - mu[v];
                var updated = mu[v] + (s * delta);
                mu[v] = updated;
                ss[v] += w * delta * (x[v] - updated);
            }

            i = x.Length * Vector<double>.Count;
        }

        for (; i < point.Length; i++)
        {
            var delta = point[i] - mean[i];
            mean[i] += share * delta;
            m2[i] += weight * delta * (point[i] - mean[i]);
        }
    }

    /// <summary>Multiplies every weight seen so far by <paramref name="factor"/> (0 &lt; factor ≤ 1).</summary>
    public void Decay(double factor)
    {
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be in (0, 1].");
        }

        if (factor == 1)
        {
            return;
        }

        Weight *= factor;
        for (var i = 0; i < _m2.Length; i++)
        {
            _m2[i] *= factor;
        }
    }

    /// <summary>
    /// Folds in another accumulator's points (Chan et al.): with δ = μ_b − μ_a and W = W_a + W_b,
    /// μ = μ_a + δ·W_b/W and M2 = M2_a + M2_b + δ²·W_a·W_b/W. The other is unchanged.
    /// </summary>
    public void Merge(RunningStandardizer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Merge(other.Weight, other._mean, other._m2);
    }

    /// <summary>Folds in statistics saved from another accumulator (see <see cref="Merge(RunningStandardizer)"/>).</summary>
    public void Merge(StandardizerState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckLength(other.Mean.Length, nameof(other));
        CheckLength(other.SquaredDeviations.Length, nameof(other));
        Merge(other.Weight, other.Mean, other.SquaredDeviations);
    }

    /// <summary>z = (raw − μ) / scale, feature by feature.</summary>
    public void Standardize(ReadOnlySpan<double> raw, Span<double> z)
    {
        CheckLength(raw.Length, nameof(raw));
        CheckLength(z.Length, nameof(z));
        for (var i = 0; i < raw.Length; i++)
        {
            z[i] = (raw[i] - _mean[i]) / Scale(i);
        }
    }

    /// <summary>raw = μ + z · scale, feature by feature: the inverse of <see cref="Standardize"/>.</summary>
    public void Unstandardize(ReadOnlySpan<double> z, Span<double> raw)
    {
        CheckLength(z.Length, nameof(z));
        CheckLength(raw.Length, nameof(raw));
        for (var i = 0; i < z.Length; i++)
        {
            raw[i] = _mean[i] + (z[i] * Scale(i));
        }
    }

    /// <summary>Copies the per-feature scales (standard deviations, floored) into <paramref name="scales"/>.</summary>
    public void CopyScales(Span<double> scales)
    {
        CheckLength(scales.Length, nameof(scales));
        for (var i = 0; i < scales.Length; i++)
        {
            scales[i] = Scale(i);
        }
    }

    /// <summary>Forgets every point.</summary>
    public void Clear()
    {
        Weight = 0;
        Array.Clear(_mean);
        Array.Clear(_m2);
    }

    /// <summary>The statistics as plain arrays.</summary>
    public StandardizerState Snapshot() => new(Weight, [.. _mean], [.. _m2]);

    /// <summary>Replaces the statistics with saved ones; the floor and half-life stay those of this instance.</summary>
    public void Restore(StandardizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckLength(state.Mean.Length, nameof(state));
        CheckLength(state.SquaredDeviations.Length, nameof(state));
        if (!(state.Weight >= 0) || double.IsInfinity(state.Weight))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.Weight, "The weight must be finite and non-negative.");
        }

        Weight = state.Weight;
        state.Mean.CopyTo(_mean, 0);
        state.SquaredDeviations.CopyTo(_m2, 0);
    }

    private void Merge(double weight, ReadOnlySpan<double> mean, ReadOnlySpan<double> m2)
    {
        if (!(weight > 0))
        {
            return;
        }

        if (!(Weight > 0))
        {
            Weight = weight;
            mean.CopyTo(_mean);
            m2.CopyTo(_m2);
            return;
        }

        var total = Weight + weight;
        var share = weight / total;
        var cross = Weight * weight / total;
        for (var i = 0; i < _mean.Length; i++)
        {
            var delta = mean[i] - _mean[i];
            _mean[i] += delta * share;
            _m2[i] += m2[i] + (delta * delta * cross);
        }

        Weight = total;
    }

    private void CheckLength(int length, string name)
    {
        if (length != _mean.Length)
        {
            throw new ArgumentException($"Expected {_mean.Length} features, got {length}.", name);
        }
    }
}
