namespace Pulse.Analytics.Tests.Segments;

/// <summary>
/// Synthetic customers in well-separated Gaussian clusters, seeded: k means drawn in a box at least
/// <c>separation</c> apart, unit-variance points around them, cluster sizes unequal (weights 1..k), and
/// each feature then put on its own raw scale (×1, ×10, ×100, ...) and offset, as days, counts and money
/// are, so that the standardizer has work to do.
/// </summary>
internal sealed class PlantedClusters
{
    private readonly Random _random;
    private readonly double[] _scales;
    private readonly double[] _offsets;
    private readonly double[] _cumulative;

    public PlantedClusters(int k, int dimensions, double separation, int seed)
    {
        _random = new Random(seed);
        Dimensions = dimensions;
        var means = new List<double[]>();
        while (means.Count < k)
        {
            var candidate = Enumerable.Range(0, dimensions).Select(_ => (_random.NextDouble() - 0.5) * separation * 3).ToArray();
            if (means.All(m => Math.Sqrt(ReferenceKMeans.Squared(m, candidate)) >= separation))
            {
                means.Add(candidate);
            }
        }

        Means = [.. means];
        _scales = [.. Enumerable.Range(0, dimensions).Select(j => Math.Pow(10, j % 4))];
        _offsets = [.. Enumerable.Range(0, dimensions).Select(j => 50.0 * (j % 3))];
        var total = k * (k + 1) / 2.0;
        _cumulative = [.. Enumerable.Range(1, k).Select(i => i * (i + 1) / 2.0 / total)];
    }

    public int Dimensions { get; }

    /// <summary>Cluster means before the raw scaling; change one to shift the population.</summary>
    public double[][] Means { get; }

    public (double[] Point, int Label) Next()
    {
        var u = _random.NextDouble();
        var label = Array.FindIndex(_cumulative, c => u < c);
        label = label < 0 ? _cumulative.Length - 1 : label;
        return (Raw(Means[label]), label);
    }

    public (double[][] Points, int[] Labels) Take(int n)
    {
        var drawn = Enumerable.Range(0, n).Select(_ => Next()).ToArray();
        return ([.. drawn.Select(d => d.Point)], [.. drawn.Select(d => d.Label)]);
    }

    /// <summary>A raw point's position in the unscaled space of <see cref="Means"/>.</summary>
    public double[] Unscaled(double[] raw)
    {
        var x = new double[Dimensions];
        for (var j = 0; j < Dimensions; j++)
        {
            x[j] = (raw[j] - _offsets[j]) / _scales[j];
        }

        return x;
    }

    /// <summary>A point around <paramref name="mean"/> (unscaled), in raw units.</summary>
    private double[] Raw(double[] mean)
    {
        var point = new double[Dimensions];
        for (var j = 0; j < Dimensions; j++)
        {
            point[j] = _offsets[j] + (_scales[j] * (mean[j] + Gaussian()));
        }

        return point;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
