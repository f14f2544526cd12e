using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class InfluenceDistributionTests
{
    [Fact]
    public void PercentilesOfMergedShardsMatchTheExactRankToABinsWidth()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(random.NextDouble() * 6 - 3)).ToArray();
        var shards = Enumerable.Range(0, 4).Select(_ => new InfluenceDistribution()).ToArray();
        for (var i = 0; i < scores.Length; i++)
        {
            shards[i % 4].Add(scores[i]);
        }

        var whole = new InfluenceDistribution();
        foreach (var shard in shards)
        {
            whole.Merge(InfluenceDistribution.FromCounts(shard.Counts()));
        }

        Assert.Equal(scores.Length, whole.Total);
        var sorted = scores.Order().ToArray();
        foreach (var probe in new[] { 0.1, 0.5, 1, 2, 10 })
        {
            var exact = 100.0 * sorted.Count(s => s < probe) / sorted.Length;
            var lower = 100.0 * sorted.Count(s => s < probe / 1.075) / sorted.Length;
            var upper = 100.0 * sorted.Count(s => s < probe * 1.075) / sorted.Length;
            var estimate = whole.PercentileOf(probe)!.Value;
            Assert.InRange(estimate, lower - 1e-9, upper + 1e-9);
            Assert.InRange(Math.Abs(estimate - exact), 0, 2);
        }

        Assert.Null(new InfluenceDistribution().PercentileOf(1));
        Assert.Equal(0, whole.PercentileOf(1e-9));
        Assert.Equal(100, whole.PercentileOf(1e9)!.Value, 9);
    }

    [Fact]
    public void CountsOfTheWrongShapeAreRefused()
    {
        Assert.Throws<ArgumentException>(() => InfluenceDistribution.FromCounts(new long[3]));
        var negative = new long[InfluenceDistribution.Bins];
        negative[5] = -1;
        Assert.Throws<ArgumentException>(() => InfluenceDistribution.FromCounts(negative));
    }
}
