namespace Pulse.Analytics.Segments;

/// <summary>
/// Helps choose the number of segments (<c>pulse segments suggest-k</c>): batch k-means for k = 2..K
/// with inertia and silhouette at each, and a suggested k at the elbow of the inertia curve.
/// </summary>
public static class Elbow
{
    /// <summary>Batch k-means (<paramref name="restarts"/> restarts) and the sampled silhouette for k = 2..<paramref name="maxK"/>.</summary>
    public static IReadOnlyList<ElbowPoint> Scan(ReadOnlySpan<double> points, int dimensions, int maxK, int restarts = 5, int seed = 0, int silhouetteSample = 1000)
    {
        var n = Centres.CheckPoints(points, dimensions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, 2);
        if (n <= maxK)
        {
            throw new ArgumentException($"Scanning up to k = {maxK} needs more than {maxK} points, got {n}.", nameof(points));
        }

        var scan = new List<ElbowPoint>();
        for (var k = 2; k <= maxK; k++)
        {
            var fit = BatchKMeans.Fit(points, dimensions, k, restarts, seed);
            var distinct = fit.Labels.Distinct().Count();
            var silhouette = distinct >= 2 ? Silhouette.Sampled(points, dimensions, fit.Labels, silhouetteSample, seed) : 0;
            scan.Add(new ElbowPoint(k, fit.Inertia, silhouette));
        }

        return scan;
    }

    /// <summary>
    /// The k at the elbow: with k and inertia both scaled to [0, 1], the point farthest below the
    /// straight line from the first point of the scan to the last (the "knee" of Satopää et al. 2011,
    /// "Finding a 'kneedle' in a haystack"). The first k when the curve has no bend.
    /// </summary>
    public static int Knee(IReadOnlyList<ElbowPoint> scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (scan.Count == 0)
        {
            throw new ArgumentException("The scan is empty.", nameof(scan));
        }

        if (scan.Count < 3)
        {
            return scan[0].K;
        }

        var first = scan[0];
        var last = scan[^1];
        var kSpan = (double)(last.K - first.K);
        var inertiaSpan = first.Inertia - last.Inertia;
        if (!(inertiaSpan > 0))
        {
            return first.K;
        }

        var best = first.K;
        double bestGap = 0;
        foreach (var point in scan)
        {
            var x = (point.K - first.K) / kSpan;
            var y = (point.Inertia - last.Inertia) / inertiaSpan;

            // The chord runs from (0, 1) to (1, 0): y = 1 − x. How far below it the curve sags.
            var gap = 1 - x - y;
            if (gap > bestGap)
            {
                bestGap = gap;
                best = point.K;
            }
        }

        return best;
    }
}
