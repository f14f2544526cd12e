using Pulse.Analytics.Simulation;

namespace Pulse.Analytics.Tests.Simulation;

public sealed class RandomDistributionsTests
{
    private const int Draws = 200_000;

    // BG/NBD on CDNOW (Fader, Hardie & Lee 2005): r = 0.243, α = 4.414, so E[λ] = r/α and Var[λ] = r/α².
    [Fact]
    public void Gamma_draws_with_shape_below_one_have_the_cdnow_mean_and_variance()
    {
        var random = new Random(42);
        var draws = Enumerable.Range(0, Draws).Select(_ => random.NextGamma(0.243, 4.414)).ToArray();

        var mean = draws.Average();
        var variance = draws.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, 0.243 / 4.414 * 0.97, 0.243 / 4.414 * 1.03);
        Assert.InRange(variance, 0.243 / (4.414 * 4.414) * 0.9, 0.243 / (4.414 * 4.414) * 1.1);
        Assert.All(draws, x => Assert.True(x >= 0));
    }

    [Fact]
    public void Gamma_draws_with_shape_above_one_have_mean_shape_over_rate()
    {
        var random = new Random(5);
        var mean = Enumerable.Range(0, Draws).Select(_ => random.NextGamma(6.25, 2.0)).Average();
        Assert.InRange(mean, 3.125 * 0.99, 3.125 * 1.01);
    }

    // BG/NBD on CDNOW: a = 0.793, b = 2.426, so E[p] = a / (a + b) = 0.2464.
    [Fact]
    public void Beta_draws_have_the_cdnow_dropout_mean()
    {
        var random = new Random(9);
        var draws = Enumerable.Range(0, Draws).Select(_ => random.NextBeta(0.793, 2.426)).ToArray();
        Assert.InRange(draws.Average(), 0.2464 - 0.004, 0.2464 + 0.004);
        Assert.All(draws, p => Assert.InRange(p, 0.0, 1.0));
    }

    [Fact]
    public void Standard_normal_draws_have_mean_zero_and_unit_variance()
    {
        var random = new Random(1);
        var draws = Enumerable.Range(0, Draws).Select(_ => random.NextStandardNormal()).ToArray();
        var mean = draws.Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(draws.Select(x => (x - mean) * (x - mean)).Average(), 0.98, 1.02);
    }
}
