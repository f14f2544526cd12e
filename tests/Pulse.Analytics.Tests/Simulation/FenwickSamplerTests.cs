using Pulse.Analytics.Simulation;

namespace Pulse.Analytics.Tests.Simulation;

public sealed class FenwickSamplerTests
{
    [Fact]
    public void Picks_indexes_in_proportion_to_their_weights()
    {
        double[] weights = [1, 0, 2, 5, 0, 12];
        var sampler = new FenwickSampler(weights.Length);
        for (var i = 0; i < weights.Length; i++)
        {
            sampler.Set(i, weights[i]);
        }

        var random = new Random(7);
        var counts = new int[weights.Length];
        const int draws = 200_000;
        for (var n = 0; n < draws; n++)
        {
            counts[sampler.Sample(random)]++;
        }

        Assert.Equal(20, sampler.Total, 9);
        for (var i = 0; i < weights.Length; i++)
        {
            var expected = draws * weights[i] / 20;
            Assert.InRange(counts[i], expected * 0.97 - 1, expected * 1.03 + 1);
        }
    }

    [Fact]
    public void An_index_set_to_zero_is_never_picked_again()
    {
        var sampler = new FenwickSampler(1_000);
        for (var i = 0; i < 1_000; i++)
        {
            sampler.Set(i, 1);
        }

        for (var i = 0; i < 1_000; i += 2)
        {
            sampler.Set(i, 0);
        }

        var random = new Random(3);
        for (var n = 0; n < 50_000; n++)
        {
            Assert.True(sampler.Sample(random) % 2 == 1);
        }
    }

    [Fact]
    public void Totals_stay_exact_through_many_updates()
    {
        var sampler = new FenwickSampler(100);
        var random = new Random(11);
        var weights = new double[100];
        for (var n = 0; n < 100_000; n++)
        {
            var i = random.Next(100);
            weights[i] = random.NextDouble() * 1e-3;
            sampler.Set(i, weights[i]);
        }

        Assert.Equal(weights.Sum(), sampler.Total, 12);
    }

    [Fact]
    public void Sampling_when_every_weight_is_zero_fails_loudly()
    {
        var sampler = new FenwickSampler(3);
        Assert.Throws<InvalidOperationException>(() => sampler.Sample(new Random(1)));
    }
}
