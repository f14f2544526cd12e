using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class CentresTests
{
    [Theory]
    [InlineData(8, 16)]
    [InlineData(3, 1)]
    [InlineData(5, 3)]
    [InlineData(7, 17)]
    [InlineData(1, 4)]
    public void TheNearestCentreIsTheBruteForceNearest(int k, int d)
    {
        var random = new Random(k * 100 + d);
        var values = Enumerable.Range(0, k * d).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var centres = new Centres(d, values);
        var rows = Enumerable.Range(0, k).Select(c => values[(c * d)..((c + 1) * d)]).ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            var point = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            var expected = ReferenceKMeans.Nearest(point, rows);
            var nearest = centres.Nearest(point, out var distance);
            Assert.Equal(expected, nearest);
            Assert.Equal(ReferenceKMeans.Squared(point, rows[expected]), distance, 1e-12);
        }
    }

    [Fact]
    public void ATieGoesToTheLowerIndexAndANonNumberIsRefused()
    {
        var centres = new Centres(2, [1, 0, -1, 0, 0, 5]);
        Assert.Equal(0, centres.Nearest([0, 0], out var distance));
        Assert.Equal(1, distance);
        Assert.Throws<ArgumentException>(() => centres.Nearest([double.NaN, 0], out _));
        Assert.Throws<ArgumentException>(() => centres.Nearest([0, 0, 0], out _));
    }

    [Fact]
    public void InertiaIsTheSumOfSquaredDistancesToTheNearestCentre()
    {
        var centres = new Centres(1, [0, 10]);
        Assert.Equal(1 + 4 + 1, centres.Inertia([1, 8, 11]));
    }

    [Fact]
    public void KMeansPlusPlusPutsOneSeedInEachFarApartGroup()
    {
        // Three tight groups 100 apart: after the first seed, a point of an unseeded group is drawn with
        // probability ≈ 1 − 10⁻⁶ (D² ∝ 100² against ≲ 0.1²), so every seeding hits every group.
        var random = new Random(5);
        var points = Enumerable.Range(0, 300).SelectMany(i => new[] { (i % 3 * 100) + (random.NextDouble() * 0.1), random.NextDouble() * 0.1 }).ToArray();
        for (var seed = 0; seed < 50; seed++)
        {
            var centres = KMeansPlusPlus.Seed(points, 2, 3, new Random(seed));
            var groups = Enumerable.Range(0, 3).Select(c => (int)Math.Round(centres[c][0] / 100)).Order().ToArray();
            Assert.Equal([0, 1, 2], groups);
        }

        var again = KMeansPlusPlus.Seed(points, 2, 3, new Random(9));
        Assert.Equal(KMeansPlusPlus.Seed(points, 2, 3, new Random(9)).Values.ToArray(), again.Values.ToArray());
    }

    [Fact]
    public void KMeansPlusPlusWithFewerDistinctPointsThanCentresRepeatsPoints()
    {
        var centres = KMeansPlusPlus.Seed([1, 1, 2, 2], 2, 3, new Random(1));
        Assert.All(Enumerable.Range(0, 3), c => Assert.Contains(centres[c][0], new[] { 1.0, 2.0 }));
    }
}
