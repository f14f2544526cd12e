using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class StreamingKMeansTests
{
    [Fact]
    public void TheModelSeedsItselfOnceItHasSampledEnoughPoints()
    {
        var clusters = new PlantedClusters(3, 4, separation: 10, seed: 1);
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = 3, Dimensions = 4, SeedSampleSize = 500 });
        Assert.False(model.Published.IsSeeded);

        var first = Feed.Batch(model, clusters.Take(300).Points);
        Assert.False(first.Seeded);
        Assert.False(model.IsSeeded);
        Assert.Equal(1, model.Version);

        var second = Feed.Batch(model, clusters.Take(300).Points);
        Assert.True(second.Seeded);
        Assert.True(model.Published.IsSeeded);
        Assert.Equal(2, model.Published.Version);
        Assert.Equal(2, model.ReferenceVersion);

        // Seeds refined on the sample are the means of their sample points: counts are those points.
        Assert.Equal(model.SampleCount, model.Counts.ToArray().Sum());
    }

    [Fact]
    public void ABatchMovesEachCentreByTheDecayedRunningMeanRule()
    {
        // The rule (Spark MLlib StreamingKMeans; Sculley 2010 when a = 1), in raw units:
        // c' = (a·n·c + m·x̄) / (a·n + m), n' = a·n + m. The standardization changes with the batch too,
        // so this also checks that centres keep their raw-unit place when it does.
        const double a = 0.8;
        var clusters = new PlantedClusters(3, 5, separation: 10, seed: 2);
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = 3, Dimensions = 5, DecayFactor = a, ReassignmentRatio = 0 });
        Feed.Batch(model, clusters.Take(1_000).Points);
        Feed.Batch(model, clusters.Take(1_000).Points);
        var before = Feed.RawCentres(model);
        var counts = model.Counts.ToArray();
        var published = model.Published;
        var points = clusters.Take(700).Points;

        var labels = points.Select(p => published.Assign(p, out _)).ToArray();
        Feed.Batch(model, points);
        var after = Feed.RawCentres(model);

        for (var c = 0; c < 3; c++)
        {
            var mine = points.Where((_, i) => labels[i] == c).ToArray();
            Assert.NotEmpty(mine);
            var n = a * counts[c];
            Assert.Equal(n + mine.Length, model.Counts[c], 1e-9);
            for (var j = 0; j < 5; j++)
            {
                var expected = ((n * before[c][j]) + mine.Sum(p => p[j])) / (n + mine.Length);
                Assert.Equal(expected, after[c][j], 1e-9 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void ALateBatchIsAppliedWithTheStandardizationItWasAssignedAgainst()
    {
        var clusters = new PlantedClusters(2, 3, separation: 10, seed: 3);
        var model = new StreamingKMeans(new StreamingKMeansOptions { K = 2, Dimensions = 3, ReassignmentRatio = 0 });
        Feed.Batch(model, clusters.Take(1_000).Points);
        var late = model.NewBatch();
        var points = clusters.Take(400).Points;
        foreach (var p in points)
        {
            late.Add(p);
        }

        Feed.Batch(model, clusters.Take(1_000).Points);
        var before = Feed.RawCentres(model);
        var counts = model.Counts.ToArray();
        model.Apply(late);
        var after = Feed.RawCentres(model);

        for (var c = 0; c < 2; c++)
        {
            var m = late.Counts[c];
            for (var j = 0; j < 3; j++)
            {
                var batchMean = late.Segments.Mean[j] + (late.Segments.Scale[j] * late.Sums[(c * 3) + j] / m);
                var expected = ((counts[c] * before[c][j]) + (m * batchMean)) / (counts[c] + m);
                Assert.Equal(expected, after[c][j], 1e-9 * Math.Max(1, Math.Abs(expected)));
            }
        }

        var future = new MiniBatch(new PublishedSegments(model.Version + 1, model.Published.Mean, model.Published.Scale, model.Published.Centres!.Values));
        Assert.Throws<ArgumentException>(() => model.Apply(future));
    }

    [Fact]
    public void TheVersionCountsBatchesAndRunsAreReproducible()
    {
        double[] Run()
        {
            var clusters = new PlantedClusters(4, 6, separation: 6, seed: 4);
            var model = new StreamingKMeans(new StreamingKMeansOptions { K = 4, Dimensions = 6, HalfLifeBatches = 4, Seed = 11 });
            var applied = Feed.InBatches(model, clusters.Take(12_000).Points, 1_000);
            Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), applied.Select(a => a.Version));
            Assert.Equal(12, model.Version);
            return [.. model.Centres!.Values];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void ARestoredModelContinuesExactlyAsTheOriginal()
    {
        var options = new StreamingKMeansOptions { K = 4, Dimensions = 5, HalfLifeBatches = 3, ReassignmentRatio = 0.2, DriftWindow = 3, Seed = 5 };
        var clusters = new PlantedClusters(4, 5, separation: 5, seed: 5);
        var original = new StreamingKMeans(options);
        Feed.InBatches(original, clusters.Take(8_000).Points, 1_000);

        var restored = new StreamingKMeans(options);
        restored.Restore(original.Snapshot());
        Assert.Equal(original.Version, restored.Version);
        AssertSameState(original.Snapshot(), restored.Snapshot());

        for (var b = 0; b < 6; b++)
        {
            var points = clusters.Take(1_000).Points;
            var x = Feed.Batch(original, points);
            var y = Feed.Batch(restored, points);
            Assert.Equal(x.Reassigned, y.Reassigned);
        }

        AssertSameState(original.Snapshot(), restored.Snapshot());
        Assert.Equal(original.Drift().OverWindow, restored.Drift().OverWindow);
    }

    [Fact]
    public void ABatchShippedAsPlainArraysAppliesAsTheOriginal()
    {
        var options = new StreamingKMeansOptions { K = 3, Dimensions = 4, Seed = 6 };
        var clusters = new PlantedClusters(3, 4, separation: 8, seed: 6);
        var direct = new StreamingKMeans(options);
        var shipped = new StreamingKMeans(options);
        foreach (var chunk in clusters.Take(5_000).Points.Chunk(1_000))
        {
            var a = direct.NewBatch();
            var b = shipped.NewBatch();
            foreach (var p in chunk)
            {
                a.Add(p);
                b.Add(p);
            }

            direct.Apply(a);
            shipped.Apply(MiniBatch.FromState(b.ToState()));
        }

        AssertSameState(direct.Snapshot(), shipped.Snapshot());
    }

    [Fact]
    public void AStarvedCentreIsReplacedOnAPointFarFromTheOthers()
    {
        // Three clusters; then the third disappears and a new one appears 6σ from the first. The first's
        // centre takes the newcomers (it is nearest), the third's gets nothing, its count decays below
        // 1 % of the mean and it is re-placed, k-means++-style, where the points are far from every
        // kept centre: in the new cluster or the first, which the two then share.
        var options = new StreamingKMeansOptions { K = 3, Dimensions = 2, HalfLifeBatches = 3, Seed = 7 };
        var clusters = new PlantedClusters(3, 2, separation: 20, seed: 7);
        var model = new StreamingKMeans(options);
        Feed.InBatches(model, clusters.Take(10_000).Points, 1_000);
        var gone = clusters.Means[2].ToArray();
        var vanished = Enumerable.Range(0, 3).MinBy(c => ReferenceKMeans.Squared(clusters.Unscaled(Feed.RawCentres(model)[c]), gone));

        var newcomer = new[] { clusters.Means[0][0] + 6, clusters.Means[0][1] };
        clusters.Means[2] = newcomer;
        var applied = Feed.InBatches(model, clusters.Take(60_000).Points, 1_000);

        var replaced = applied.FindIndex(a => a.Reassigned.Contains(vanished));
        Assert.InRange(replaced, 0, 40);
        var found = Feed.RawCentres(model).Select(clusters.Unscaled).ToArray();
        foreach (var mean in new[] { clusters.Means[0], clusters.Means[1], newcomer })
        {
            Assert.InRange(found.Min(c => Math.Sqrt(ReferenceKMeans.Squared(c, mean))), 0, 0.5);
        }
    }

    private static void AssertSameState(StreamingKMeansState x, StreamingKMeansState y)
    {
        Assert.Equal(x.Version, y.Version);
        Assert.Equal(x.Centres, y.Centres);
        Assert.Equal(x.Counts, y.Counts);
        Assert.Equal(x.Standardizer.Weight, y.Standardizer.Weight);
        Assert.Equal(x.Standardizer.Mean, y.Standardizer.Mean);
        Assert.Equal(x.Standardizer.SquaredDeviations, y.Standardizer.SquaredDeviations);
        Assert.Equal(x.SampleSeen, y.SampleSeen);
        Assert.Equal(x.SampleRows, y.SampleRows);
        Assert.Equal(x.LastMoves, y.LastMoves);
        Assert.Equal(x.History, y.History);
        Assert.Equal(x.ReferenceVersion, y.ReferenceVersion);
        Assert.Equal(x.Reference, y.Reference);
    }
}
