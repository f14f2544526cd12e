namespace Pulse.Analytics.Segments;

/// <summary>
/// Batch k-means over points held in memory: Lloyd's iterations (assign every point to its nearest
/// centre, move every centre to the mean of its points, until no point changes centre) from greedy
/// k-means++ seeds, restarted several times, keeping the lowest inertia. For <c>pulse segments suggest-k</c> and
/// for seeding the streaming model on its sample; the streaming model itself never holds all points.
/// </summary>
public static class BatchKMeans
{
    /// <summary>The best of <paramref name="restarts"/> Lloyd runs from greedy k-means++ seeds over the points (flat, row-major).</summary>
    public static KMeansResult Fit(ReadOnlySpan<double> points, int dimensions, int k, int restarts = 10, int seed = 0, int maxIterations = 300)
    {
        var n = Centres.CheckPoints(points, dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(restarts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (n < k)
        {
            throw new ArgumentException($"k-means with k = {k} needs at least {k} points, got {n}.", nameof(points));
        }

        var random = new Random(seed);
        KMeansResult? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var centres = KMeansPlusPlus.Seed(points, dimensions, k, random, KMeansPlusPlus.GreedyCandidates(k));
            var labels = new int[n];
            var (inertia, iterations) = Lloyd(points, centres, labels, maxIterations);
            if (best is null || inertia < best.Inertia)
            {
                best = new KMeansResult(centres, inertia, labels, iterations);
            }
        }

        return best!;
    }

    /// <summary>
    /// Lloyd's iterations from the given centres, in place; fills the labels and returns the inertia of
    /// the final centres. A centre left without points moves to the point farthest from its own centre.
    /// </summary>
    internal static (double Inertia, int Iterations) Lloyd(ReadOnlySpan<double> points, Centres centres, Span<int> labels, int maxIterations)
    {
        var d = centres.Dimensions;
        var k = centres.K;
        var n = labels.Length;
        var distances = new double[n];
        var sums = new double[k * d];
        var counts = new long[k];
        labels.Fill(-1);
        var inertia = Assign(points, centres, labels, distances, out _);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var c = labels[i];
                counts[c]++;
                var row = sums.AsSpan(c * d, d);
                var p = points.Slice(i * d, d);
                for (var j = 0; j < d; j++)
                {
                    row[j] += p[j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                var centre = centres.Row(c);
                if (counts[c] == 0)
                {
                    var farthest = 0;
                    for (var i = 1; i < n; i++)
                    {
                        if (distances[i] > distances[farthest])
                        {
                            farthest = i;
                        }
                    }

                    points.Slice(farthest * d, d).CopyTo(centre);
                    distances[farthest] = 0;
                    continue;
                }

                var sum = sums.AsSpan(c * d, d);
                for (var j = 0; j < d; j++)
                {
                    centre[j] = sum[j] / counts[c];
                }
            }

            iterations++;
            inertia = Assign(points, centres, labels, distances, out var changed);
            if (changed == 0)
            {
                break;
            }
        }

        return (inertia, iterations);
    }

    private static double Assign(ReadOnlySpan<double> points, Centres centres, Span<int> labels, Span<double> distances, out int changed)
    {
        var d = centres.Dimensions;
        double inertia = 0;
        changed = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var c = centres.Nearest(points.Slice(i * d, d), out var distance);
            if (labels[i] != c)
            {
                labels[i] = c;
                changed++;
            }

            distances[i] = distance;
            inertia += distance;
        }

        return inertia;
    }
}
