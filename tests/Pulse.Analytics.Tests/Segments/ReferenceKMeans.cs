namespace Pulse.Analytics.Tests.Segments;

/// <summary>
/// Batch k-means written from the definition, independent of Pulse.Analytics, as the yardstick for the
/// streaming model: k-means++ seeds (Arthur &amp; Vassilvitskii 2007: first uniform, then each point with
/// probability ∝ D²), then Lloyd's alternation (nearest-centre assignment, centre = mean of its points)
/// until no point changes; the lowest inertia over several restarts.
/// </summary>
internal static class ReferenceKMeans
{
    public static (double[][] Centres, double Inertia) Fit(double[][] points, int k, int restarts, int seed)
    {
        var random = new Random(seed);
        double[][]? best = null;
        var bestInertia = double.PositiveInfinity;
        for (var r = 0; r < restarts; r++)
        {
            var centres = Lloyd(points, Seed(points, k, random));
            var inertia = Inertia(points, centres);
            if (inertia < bestInertia)
            {
                (best, bestInertia) = (centres, inertia);
            }
        }

        return (best!, bestInertia);
    }

    /// <summary>Σ over points of the squared distance to the nearest centre.</summary>
    public static double Inertia(double[][] points, double[][] centres) => points.Sum(p => centres.Min(c => Squared(p, c)));

    /// <summary>The index of the nearest centre (lowest on ties).</summary>
    public static int Nearest(double[] point, double[][] centres)
    {
        var best = 0;
        for (var c = 1; c < centres.Length; c++)
        {
            if (Squared(point, centres[c]) < Squared(point, centres[best]))
            {
                best = c;
            }
        }

        return best;
    }

    public static double Squared(double[] a, double[] b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return sum;
    }

    private static double[][] Seed(double[][] points, int k, Random random)
    {
        var centres = new List<double[]> { points[random.Next(points.Length)] };
        while (centres.Count < k)
        {
            var d2 = points.Select(p => centres.Min(c => Squared(p, c))).ToArray();
            var target = random.NextDouble() * d2.Sum();
            var i = 0;
            for (double running = d2[0]; running <= target && i < points.Length - 1; running += d2[++i])
            {
            }

            centres.Add(points[i]);
        }

        return [.. centres.Select(c => (double[])c.Clone())];
    }

    private static double[][] Lloyd(double[][] points, double[][] centres)
    {
        var labels = new int[points.Length];
        Array.Fill(labels, -1);
        for (var iteration = 0; iteration < 500; iteration++)
        {
            var changed = false;
            for (var i = 0; i < points.Length; i++)
            {
                var c = Nearest(points[i], centres);
                changed |= c != labels[i];
                labels[i] = c;
            }

            if (!changed)
            {
                break;
            }

            for (var c = 0; c < centres.Length; c++)
            {
                var members = points.Where((_, i) => labels[i] == c).ToArray();
                if (members.Length > 0)
                {
                    centres[c] = [.. Enumerable.Range(0, points[0].Length).Select(j => members.Average(p => p[j]))];
                }
            }
        }

        return centres;
    }
}
