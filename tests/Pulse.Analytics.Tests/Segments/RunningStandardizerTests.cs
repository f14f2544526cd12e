using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class RunningStandardizerTests
{
    private const int Dimensions = 7;

    [Fact]
    public void MeanAndVarianceEqualTheTwoPassDefinition()
    {
        // Large offsets and small spreads: Σx² − n·x̄² would lose every digit (x² ~ 10¹⁴ against a
        // variance ~ 1); the running update keeps about 9 of 16.
        var points = Points(5_000, seed: 1, offset: 1e7);
        var standardizer = new RunningStandardizer(Dimensions);
        foreach (var p in points)
        {
            standardizer.Add(p);
        }

        Assert.Equal(points.Length, standardizer.Weight);
        for (var j = 0; j < Dimensions; j++)
        {
            var (mean, variance) = TwoPass(points, j, _ => 1);
            Assert.Equal(mean, standardizer.Mean[j], 1e-12 * Math.Abs(mean));
            Assert.Equal(variance, standardizer.Variance(j), 1e-8 * variance);
        }
    }

    [Fact]
    public void MergingPartsEqualsOneAccumulatorOverTheWhole()
    {
        var points = Points(3_000, seed: 2, offset: 1e4);
        var whole = new RunningStandardizer(Dimensions);
        var parts = new[] { new RunningStandardizer(Dimensions), new RunningStandardizer(Dimensions), new RunningStandardizer(Dimensions) };
        for (var i = 0; i < points.Length; i++)
        {
            whole.Add(points[i]);

            // Uneven parts, and one of them empty until late: as silos see different shares.
            parts[i < 2_900 ? i % 2 : 2].Add(points[i]);
        }

        var merged = new RunningStandardizer(Dimensions);
        merged.Merge(parts[0]);
        merged.Merge(parts[1].Snapshot());
        merged.Merge(parts[2]);
        merged.Merge(new RunningStandardizer(Dimensions));

        Assert.Equal(whole.Weight, merged.Weight);
        for (var j = 0; j < Dimensions; j++)
        {
            Assert.Equal(whole.Mean[j], merged.Mean[j], 1e-10 * Math.Abs(whole.Mean[j]));
            Assert.Equal(whole.Variance(j), merged.Variance(j), 1e-10 * whole.Variance(j));
        }
    }

    [Fact]
    public void AHalfLifeInPointsWeighsEachPointByItsAge()
    {
        const double halfLife = 200;
        var points = Points(1_000, seed: 3, offset: 50);
        var standardizer = new RunningStandardizer(Dimensions, halfLifePoints: halfLife);
        foreach (var p in points)
        {
            standardizer.Add(p);
        }

        // Definition: the i-th of n points weighs 0.5^((n − 1 − i) / halfLife).
        double Age(int i) => Math.Pow(0.5, (points.Length - 1 - i) / halfLife);
        Assert.Equal(Enumerable.Range(0, points.Length).Sum(Age), standardizer.Weight, 1e-9);
        for (var j = 0; j < Dimensions; j++)
        {
            var (mean, variance) = TwoPass(points, j, Age);
            Assert.Equal(mean, standardizer.Mean[j], 1e-9 * Math.Abs(mean));
            Assert.Equal(variance, standardizer.Variance(j), 1e-9 * variance);
        }
    }

    [Fact]
    public void DecayPerBatchWeighsEachBatchByItsAge()
    {
        const double factor = 0.7;
        var points = Points(1_000, seed: 4, offset: -20);
        var standardizer = new RunningStandardizer(Dimensions);
        for (var batch = 0; batch < 10; batch++)
        {
            standardizer.Decay(factor);
            foreach (var p in points.Skip(batch * 100).Take(100))
            {
                standardizer.Add(p);
            }
        }

        double Age(int i) => Math.Pow(factor, 9 - (i / 100));
        for (var j = 0; j < Dimensions; j++)
        {
            var (mean, variance) = TwoPass(points, j, Age);
            Assert.Equal(mean, standardizer.Mean[j], 1e-9 * Math.Abs(mean));
            Assert.Equal(variance, standardizer.Variance(j), 1e-9 * variance);
        }
    }

    [Fact]
    public void StandardizingAndBackIsTheIdentityAndAConstantFeatureMapsToZero()
    {
        var standardizer = new RunningStandardizer(3);
        standardizer.Add([1, 5, 100]);
        standardizer.Add([3, 5, 300]);

        Span<double> z = stackalloc double[3];
        Span<double> back = stackalloc double[3];
        standardizer.Standardize([2, 5, 400], z);
        Assert.Equal(0, z[0], 12);
        Assert.Equal(0, z[1]);
        Assert.Equal(2, z[2], 12);

        // The second feature never varies: its variance is floored, so any value stays finite.
        standardizer.Standardize([2, 6, 400], z);
        Assert.Equal(1 / Math.Sqrt(RunningStandardizer.DefaultVarianceFloor), z[1], 6);
        standardizer.Unstandardize(z, back);
        Assert.Equal([2, 6, 400], back.ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void ASnapshotRestoresTheSameStatistics()
    {
        var standardizer = new RunningStandardizer(Dimensions, halfLifePoints: 50);
        foreach (var p in Points(300, seed: 5, offset: 3))
        {
            standardizer.Add(p);
        }

        var restored = new RunningStandardizer(Dimensions, halfLifePoints: 50);
        restored.Restore(standardizer.Snapshot());
        var next = Points(1, seed: 6, offset: 3)[0];
        standardizer.Add(next);
        restored.Add(next);

        Assert.Equal(standardizer.Snapshot().Weight, restored.Snapshot().Weight);
        Assert.Equal(standardizer.Snapshot().Mean, restored.Snapshot().Mean);
        Assert.Equal(standardizer.Snapshot().SquaredDeviations, restored.Snapshot().SquaredDeviations);
    }

    private static (double Mean, double Variance) TwoPass(double[][] points, int feature, Func<int, double> weight)
    {
        double total = 0, sum = 0;
        for (var i = 0; i < points.Length; i++)
        {
            total += weight(i);
            sum += weight(i) * points[i][feature];
        }

        var mean = sum / total;
        double squares = 0;
        for (var i = 0; i < points.Length; i++)
        {
            squares += weight(i) * (points[i][feature] - mean) * (points[i][feature] - mean);
        }

        return (mean, squares / total);
    }

    private static double[][] Points(int n, int seed, double offset)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, Dimensions).Select(j => offset * (j + 1) + ((j + 1) * random.NextDouble())).ToArray())];
    }
}
