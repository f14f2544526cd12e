using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class MiniBatchTests
{
    private static readonly double[] Mean = [10, 100, 0];
    private static readonly double[] Scale = [2, 50, 1];
    private static readonly double[] CentreValues = [-1, -1, 0, 1, 1, 0, 0, 0, 2];

    [Fact]
    public void SumsAndCountsAreThoseOfTheNearestCentres()
    {
        var segments = new PublishedSegments(3, Mean, Scale, CentreValues);
        var points = Points(500, seed: 1);
        var batch = new MiniBatch(segments);
        var rows = Enumerable.Range(0, 3).Select(c => CentreValues[(c * 3)..((c + 1) * 3)]).ToArray();
        var sums = new double[9];
        var counts = new long[3];
        double inertia = 0;
        foreach (var p in points)
        {
            var z = Enumerable.Range(0, 3).Select(j => (p[j] - Mean[j]) / Scale[j]).ToArray();
            var c = ReferenceKMeans.Nearest(z, rows);
            Assert.Equal(c, batch.Add(p));
            counts[c]++;
            inertia += ReferenceKMeans.Squared(z, rows[c]);
            for (var j = 0; j < 3; j++)
            {
                sums[(c * 3) + j] += z[j];
            }
        }

        Assert.Equal(3, batch.Version);
        Assert.Equal(500, batch.Points);
        Assert.Equal(counts, batch.Counts.ToArray());
        Assert.Equal(sums, batch.Sums.ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(inertia, batch.Inertia, 1e-9);
        Assert.Equal(MiniBatch.DefaultSampleCapacity, batch.SampleRows.Length);
    }

    [Fact]
    public void MergedBatchesEqualOneBatchOfAllThePoints()
    {
        var segments = new PublishedSegments(1, Mean, Scale, CentreValues);
        var points = Points(900, seed: 2);
        var whole = new MiniBatch(segments);
        var silos = new[] { new MiniBatch(segments, seed: 1), new MiniBatch(segments, seed: 2), new MiniBatch(segments, seed: 3) };
        for (var i = 0; i < points.Length; i++)
        {
            whole.Add(points[i]);
            silos[i % 3].Add(points[i]);
        }

        silos[0].Merge(silos[1]);
        silos[0].Merge(silos[2]);
        var merged = silos[0];

        Assert.Equal(whole.Points, merged.Points);
        Assert.Equal(whole.Counts.ToArray(), merged.Counts.ToArray());
        Assert.Equal(whole.Sums.ToArray(), merged.Sums.ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(whole.Inertia, merged.Inertia, 1e-9);
        var (w, m) = (whole.ToState().Raw, merged.ToState().Raw);
        Assert.Equal(w.Weight, m.Weight);
        Assert.Equal(w.Mean, m.Mean, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(w.SquaredDeviations, m.SquaredDeviations, (a, b) => Math.Abs(a - b) < 1e-6 * Math.Abs(a));

        // The merged sample is full, drawn from all 900 points, and holds only points that were added.
        Assert.Equal(MiniBatch.DefaultSampleCapacity, merged.SampleRows.Length);
        Assert.Equal(900, merged.ToState().SampleSeen);
        Assert.All(merged.SampleRows.ToArray(), row => Assert.Contains(points, p => p.SequenceEqual(row)));
    }

    [Fact]
    public void BatchesOfDifferentVersionsDoNotMerge()
    {
        var older = new MiniBatch(new PublishedSegments(1, Mean, Scale, CentreValues));
        var newer = new MiniBatch(new PublishedSegments(2, Mean, Scale, CentreValues));
        Assert.Throws<ArgumentException>(() => older.Merge(newer));
    }

    [Fact]
    public void ABatchRoundTripsThroughPlainArrays()
    {
        var batch = new MiniBatch(new PublishedSegments(4, Mean, Scale, CentreValues), seed: 5);
        foreach (var p in Points(200, seed: 3))
        {
            batch.Add(p);
        }

        var state = batch.ToState();
        var restored = MiniBatch.FromState(state);
        var again = restored.ToState();

        Assert.Equal(state.Version, again.Version);
        Assert.Equal(state.Mean, again.Mean);
        Assert.Equal(state.Scale, again.Scale);
        Assert.Equal(state.Centres, again.Centres);
        Assert.Equal(state.Sums, again.Sums);
        Assert.Equal(state.Counts, again.Counts);
        Assert.Equal(state.Points, again.Points);
        Assert.Equal(state.Inertia, again.Inertia);
        Assert.Equal(state.Raw.Weight, again.Raw.Weight);
        Assert.Equal(state.Raw.Mean, again.Raw.Mean);
        Assert.Equal(state.Raw.SquaredDeviations, again.Raw.SquaredDeviations);
        Assert.Equal(state.SampleCapacity, again.SampleCapacity);
        Assert.Equal(state.SampleSeen, again.SampleSeen);
        Assert.Equal(state.SampleRows, again.SampleRows);
    }

    [Fact]
    public void BeforeSeedingABatchOnlyGathersStatisticsAndALargerSample()
    {
        var batch = new MiniBatch(new PublishedSegments(0, [0, 0, 0], [1, 1, 1], []));
        foreach (var p in Points(2_000, seed: 4))
        {
            Assert.Equal(-1, batch.Add(p));
        }

        Assert.Equal(0, batch.K);
        Assert.Equal(2_000, batch.Points);
        Assert.Equal(MiniBatch.SeedingSampleCapacity, batch.SampleRows.Length);
    }

    private static double[][] Points(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 3).Select(j => Mean[j] + (Scale[j] * 3 * (random.NextDouble() - 0.5))).ToArray())];
    }
}
