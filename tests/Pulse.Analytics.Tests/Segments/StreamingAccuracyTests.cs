using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

/// <summary>
/// The streaming model against what it approximates: the planted clusters of synthetic data, and batch
/// k-means (<see cref="ReferenceKMeans"/>, written here from the definition) on the same points.
/// </summary>
public sealed class StreamingAccuracyTests
{
    [Fact]
    public void StreamedMiniBatchesRecoverWellSeparatedPlantedClusters()
    {
        var clusters = new PlantedClusters(8, 16, separation: 6, seed: 21);
        var (points, labels) = clusters.Take(20_000);
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = 8, Dimensions = 16, Seed = 21 });
        Feed.InBatches(model, points, 1_000);

        var found = points.Select(p => model.Published.Assign(p, out _)).ToArray();
        var ari = AdjustedRandIndex.Compute(labels, found);
        Assert.True(ari >= 0.95, $"ARI {ari:F4}");
    }

    [Fact]
    public void StreamingInertiaIsWithinThreePercentOfBatchKMeansOnSyntheticData()
    {
        // Overlapping clusters (4σ apart, unequal sizes), so that the optimum is not simply the planted means.
        var clusters = new PlantedClusters(6, 8, separation: 4, seed: 22);
        var (points, _) = clusters.Take(20_000);
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = 6, Dimensions = 8, Seed = 22 });
        Feed.InBatches(model, points, 1_000);

        var ratio = InertiaRatio(model, points, restarts: 10);
        Assert.InRange(ratio, 0, 1.03);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void StreamingInertiaIsWithinThreePercentOfBatchKMeansOnOnlineRetailCustomers(int k)
    {
        // The 4,339 UCI Online Retail customers (Data/online-retail), six RFM-style features, log1p on
        // counts and money, then standardized. scikit-learn's MiniBatchKMeans lands about 5 % above batch
        // k-means on these customers (issue 6); the streaming result must be within 3 %. Over k = 3..6,
        // seeds 0..9 and batches of 500 or 1,000 it is 0.3 % above at the median and 1.9 % at worst,
        // because the model seeds itself on its first sample with the best of ten refined greedy
        // k-means++ seedings; with one seeding as drawn, the same streams end 5.0 % above at the
        // median (as scikit-learn's) and 15.6 % at worst (StreamingKMeansOptions.SeedTrials).
        var customers = OnlineRetailCustomers.Load();
        var random = new Random(k);
        var stream = customers.Select(c => c.Features()).OrderBy(_ => random.Next()).ToArray();
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = k, Dimensions = stream[0].Length, Seed = k });
        Feed.InBatches(model, stream, 500);

        var ratio = InertiaRatio(model, stream, restarts: 10);
        Assert.InRange(ratio, 0, 1.03);
    }

    [Fact]
    public void CentresFollowAShiftedSegmentWithinABoundedNumberOfBatches()
    {
        // With forgetting a = 0.5^(1/h) per batch, a centre whose points all move by s gets, once its
        // count is at its steady level m/(1 − a), the update c ← a·c + (1 − a)·x̄: the distance left
        // shrinks by a per batch, to s·0.5^(t/h) after t batches. To come within s/10 takes h·log₂10 ≈
        // 3.3·h batches; with h = 4 that is 14, and the bound allows 3 more for noise and the
        // standardizer catching up.
        const double halfLife = 4, shift = 3, tolerance = shift / 10;
        var bound = (int)Math.Ceiling(halfLife * Math.Log2(shift / tolerance)) + 3;
        var clusters = new PlantedClusters(4, 4, separation: 12, seed: 23);
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = 4, Dimensions = 4, HalfLifeBatches = halfLife, DriftWindow = 5, Seed = 23 });
        var still = new StreamingKMeans(new StreamingKMeansOptions { K = 4, Dimensions = 4, Seed = 23 });
        var warmUp = clusters.Take(30_000).Points;
        Feed.InBatches(model, warmUp, 1_000);
        Feed.InBatches(still, warmUp, 1_000);
        model.MarkReference();
        var moved = Enumerable.Range(0, 4).MinBy(c => ReferenceKMeans.Squared(clusters.Unscaled(Feed.RawCentres(model)[c]), clusters.Means[0]));

        // Segment 0 (the smallest, a tenth of the points) moves 3σ along its first feature.
        clusters.Means[0][0] += shift;
        var target = clusters.Means[0];
        var followedAfter = -1;
        var staleAtBound = double.NaN;
        for (var batch = 1; batch <= 30; batch++)
        {
            var points = clusters.Take(1_000).Points;
            Feed.Batch(model, points);
            Feed.Batch(still, points);
            var distance = Math.Sqrt(ReferenceKMeans.Squared(clusters.Unscaled(Feed.RawCentres(model)[moved]), target));
            if (followedAfter < 0 && distance <= tolerance)
            {
                followedAfter = batch;
            }

            if (batch == bound)
            {
                staleAtBound = Math.Sqrt(ReferenceKMeans.Squared(clusters.Unscaled(Feed.RawCentres(still)[moved]), target));
            }

            if (batch == 5)
            {
                // Drift shows which segment is moving: over the last 5 batches it is the moved one, by far.
                var drift = model.Drift();
                Assert.Equal(5, drift.WindowBatches);
                Assert.Equal(moved, Enumerable.Range(0, 4).MaxBy(c => drift.OverWindow[c]));
                Assert.All(Enumerable.Range(0, 4).Where(c => c != moved), c => Assert.True(drift.OverWindow[c] < drift.OverWindow[moved] / 5, $"{drift.OverWindow[c]} vs {drift.OverWindow[moved]}"));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"followed within {tolerance}σ after {followedAfter} batches (bound {bound}); without forgetting {staleAtBound:F2}σ away then");
        Assert.InRange(followedAfter, 1, bound);

        // Without forgetting the centre is the mean of everything it ever saw: after as many batches as
        // the bound (17, against 30 before the shift) it has covered little more than a third of the way.
        Assert.True(staleAtBound > shift / 2, $"{staleAtBound}");
        Assert.Equal(model.Drift().SinceReference.Max(), model.Drift().SinceReference[moved]);
    }

    /// <summary>
    /// The streaming centres' inertia over all points divided by the reference batch k-means inertia,
    /// both in the points' own standardization (two-pass mean and population standard deviation).
    /// </summary>
    private static double InertiaRatio(StreamingKMeans model, double[][] points, int restarts)
    {
        var d = points[0].Length;
        var mean = Enumerable.Range(0, d).Select(j => points.Average(p => p[j])).ToArray();
        var sd = Enumerable.Range(0, d).Select(j => Math.Sqrt(points.Average(p => (p[j] - mean[j]) * (p[j] - mean[j])))).ToArray();
        double[] Z(double[] p) => [.. Enumerable.Range(0, d).Select(j => (p[j] - mean[j]) / sd[j])];
        var z = points.Select(Z).ToArray();
        var (_, batchInertia) = ReferenceKMeans.Fit(z, model.K, restarts, seed: 1);
        var streaming = ReferenceKMeans.Inertia(z, [.. Feed.RawCentres(model).Select(Z)]);
        TestContext.Current.TestOutputHelper?.WriteLine($"k {model.K}: streaming {streaming:F1}, batch {batchInertia:F1}, ratio {streaming / batchInertia:F4}");
        return streaming / batchInertia;
    }
}
