using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class BatchKMeansTests
{
    [Fact]
    public void BatchKMeansReachesTheReferenceInertia()
    {
        var (points, _) = new PlantedClusters(5, 6, separation: 4, seed: 31).Take(4_000);
        var flat = points.SelectMany(p => p).ToArray();

        var fit = BatchKMeans.Fit(flat, 6, 5, restarts: 5, seed: 1);
        var (_, reference) = ReferenceKMeans.Fit(points, 5, restarts: 5, seed: 1);

        Assert.InRange(fit.Inertia, 0, reference * 1.001);
        Assert.Equal(fit.Centres.Inertia(flat), fit.Inertia, 1e-9 * fit.Inertia);
        Assert.Equal(points.Length, fit.Labels.Length);
        Assert.All(Enumerable.Range(0, points.Length), i => Assert.Equal(fit.Centres.Nearest(points[i], out _), fit.Labels[i]));
        Assert.InRange(fit.Iterations, 1, 300);
    }

    [Fact]
    public void SilhouetteMatchesAHandComputedExample()
    {
        // Points 0, 1 | 4, 5 on a line: for 0, a = 1 and b = (4 + 5)/2, s = 3.5/4.5 = 7/9; for 1, a = 1 and
        // b = (3 + 4)/2, s = 2.5/3.5 = 5/7; the other two mirror them. Mean (7/9 + 5/7)/2 = 47/63.
        Assert.Equal(47.0 / 63, Silhouette.Mean([0, 1, 4, 5], 1, [0, 0, 1, 1]), 12);

        // A point alone in its cluster scores 0 (Rousseeuw 1987): (0.9 + 8/9 + 0)/3 = 161/270.
        Assert.Equal(161.0 / 270, Silhouette.Mean([0, 1, 10], 1, [7, 7, 3]), 12);
        Assert.Throws<ArgumentException>(() => Silhouette.Mean([0, 1], 1, [0, 0]));
    }

    [Fact]
    public void ASampledSilhouetteIsTheSilhouetteOfTheSample()
    {
        var (points, labels) = new PlantedClusters(3, 2, separation: 10, seed: 32).Take(3_000);
        var flat = points.SelectMany(p => p).ToArray();
        var all = Silhouette.Mean(flat, 2, labels);
        var sampled = Silhouette.Sampled(flat, 2, labels, 500, seed: 1);

        Assert.InRange(sampled, all - 0.03, all + 0.03);
        Assert.Equal(sampled, Silhouette.Sampled(flat, 2, labels, 500, seed: 1));
        Assert.Equal(all, Silhouette.Sampled(flat, 2, labels, 5_000));
    }

    [Fact]
    public void TheElbowAndTheSilhouettePointAtThePlantedNumberOfSegments()
    {
        // Standardized first, as suggest-k does: raw, the feature scaled ×1,000 would be all k-means sees.
        var (points, _) = new PlantedClusters(4, 5, separation: 10, seed: 33).Take(2_000);
        var standardizer = new RunningStandardizer(5);
        foreach (var p in points)
        {
            standardizer.Add(p);
        }

        var flat = new double[points.Length * 5];
        for (var i = 0; i < points.Length; i++)
        {
            standardizer.Standardize(points[i], flat.AsSpan(i * 5, 5));
        }

        var scan = Elbow.Scan(flat, 5, maxK: 8, restarts: 3, seed: 1, silhouetteSample: 500);

        Assert.Equal(Enumerable.Range(2, 7), scan.Select(s => s.K));
        Assert.All(scan.Zip(scan.Skip(1)), pair => Assert.True(pair.Second.Inertia <= pair.First.Inertia));
        Assert.Equal(4, Elbow.Knee(scan));
        Assert.Equal(4, scan.MaxBy(s => s.Silhouette)!.K);
    }
}
