namespace Pulse.Analytics.Segments;

/// <summary>
/// The mean silhouette of a clustering (Rousseeuw 1987, "Silhouettes: a graphical aid to the
/// interpretation and validation of cluster analysis"): for each point, a = its mean distance to the
/// other points of its cluster, b = the smallest mean distance to the points of another cluster, and
/// s = (b − a) / max(a, b), taken as 0 for a point alone in its cluster. Near 1: tight, well-separated
/// clusters; near 0: overlapping; negative: points closer to another cluster than to their own.
/// Euclidean distances; O(n²·d), so large data is scored on a sample (<see cref="Sampled"/>).
/// </summary>
public static class Silhouette
{
    /// <summary>The mean silhouette over all points (flat, row-major) with their cluster labels.</summary>
    public static double Mean(ReadOnlySpan<double> points, int dimensions, ReadOnlySpan<int> labels)
    {
        var n = Centres.CheckPoints(points, dimensions);
        if (labels.Length != n)
        {
            throw new ArgumentException($"Expected {n} labels, got {labels.Length}.", nameof(labels));
        }

        // Labels may be any integers: number them 0..L−1.
        var clusterOf = new int[n];
        var clusters = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            if (!clusters.TryGetValue(labels[i], out var index))
            {
                clusters[labels[i]] = index = clusters.Count;
            }

            clusterOf[i] = index;
        }

        var count = clusters.Count;
        if (count < 2 || count >= n)
        {
            throw new ArgumentException($"The silhouette needs between 2 and n − 1 clusters; got {count} for {n} points.", nameof(labels));
        }

        var sizes = new int[count];
        foreach (var c in clusterOf)
        {
            sizes[c]++;
        }

        var totals = new double[count];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            Array.Clear(totals);
            var p = points.Slice(i * dimensions, dimensions);
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    totals[clusterOf[j]] += Math.Sqrt(Centres.SquaredDistance(p, points.Slice(j * dimensions, dimensions)));
                }
            }

            var own = clusterOf[i];
            if (sizes[own] == 1)
            {
                continue;
            }

            var a = totals[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < count; c++)
            {
                if (c != own)
                {
                    b = Math.Min(b, totals[c] / sizes[c]);
                }
            }

            var spread = Math.Max(a, b);
            sum += spread > 0 ? (b - a) / spread : 0;
        }

        return sum / n;
    }

    /// <summary>
    /// The mean silhouette of a uniform random sample of <paramref name="sampleSize"/> points (drawn with
    /// <see cref="ReservoirSample{T}"/>), distances taken within the sample; all points when there are fewer.
    /// </summary>
    public static double Sampled(ReadOnlySpan<double> points, int dimensions, ReadOnlySpan<int> labels, int sampleSize, int seed = 0)
    {
        var n = Centres.CheckPoints(points, dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        if (n <= sampleSize)
        {
            return Mean(points, dimensions, labels);
        }

        var sample = new ReservoirSample<int>(sampleSize, seed);
        for (var i = 0; i < n; i++)
        {
            sample.Offer(i);
        }

        var chosen = sample.Items.ToArray();
        Array.Sort(chosen);
        var subset = new double[chosen.Length * dimensions];
        var subsetLabels = new int[chosen.Length];
        for (var s = 0; s < chosen.Length; s++)
        {
            points.Slice(chosen[s] * dimensions, dimensions).CopyTo(subset.AsSpan(s * dimensions, dimensions));
            subsetLabels[s] = labels[chosen[s]];
        }

        return Mean(subset, dimensions, subsetLabels);
    }
}
