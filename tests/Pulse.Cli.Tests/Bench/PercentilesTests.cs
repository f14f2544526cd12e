using Pulse.Cli.Bench;

namespace Pulse.Cli.Tests.Bench;

public sealed class PercentilesTests
{
    [Fact]
    public void Nearest_rank_percentiles_of_one_to_a_hundred_are_the_ranks_themselves()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse();
        var summary = Percentiles.Summarize(samples)!;

        Assert.Equal(new PercentileSummary(100, 1, 50.5, 50, 95, 99, 100), summary);
    }

    [Theory]
    [InlineData(50.0, 10.0)]   // ⌈0.5·20⌉ = 10th
    [InlineData(95.0, 19.0)]   // ⌈0.95·20⌉ = 19th
    [InlineData(99.0, 20.0)]   // ⌈0.99·20⌉ = 20th
    [InlineData(100.0, 20.0)]
    [InlineData(1.0, 1.0)]
    public void Percentiles_of_twenty_samples_take_the_ceiling_rank(double p, double expected)
    {
        var sorted = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        Assert.Equal(expected, Percentiles.Of(sorted, p));
    }

    [Fact]
    public void A_single_sample_is_every_percentile_and_no_samples_give_no_summary()
    {
        Assert.Equal(new PercentileSummary(1, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5), Percentiles.Summarize([7.5]));
        Assert.Null(Percentiles.Summarize([]));
        Assert.Throws<ArgumentException>(() => Percentiles.Of([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], 0));
    }

    [Fact]
    public void A_slow_tail_shows_in_p99_and_max_but_not_p50()
    {
        var samples = Enumerable.Repeat(2.0, 990).Concat(Enumerable.Repeat(250.0, 10));
        var summary = Percentiles.Summarize(samples)!;

        Assert.Equal(2.0, summary.P50);
        Assert.Equal(2.0, summary.P95);
        Assert.Equal(2.0, summary.P99);
        Assert.Equal(250.0, summary.Max);

        var heavier = Percentiles.Summarize(Enumerable.Repeat(2.0, 985).Concat(Enumerable.Repeat(250.0, 15)))!;
        Assert.Equal(250.0, heavier.P99);
    }
}
