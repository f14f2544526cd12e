using MathNet.Numerics;
using MathNet.Numerics.Integration;
using Pulse.Analytics.Clv;

namespace Pulse.Analytics.Tests.Clv;

public sealed class BgNbdPredictionTests
{
    // The CDNOW fit published by Fader, Hardie & Lee (2005), to the digits lifetimes' tests use.
    private static readonly BgNbdModel Cdnow = new(0.2426, 4.4136, 0.7929, 2.4259);

    [Fact]
    public void ExpectedPurchasesMatchThePapersWorkedExample()
    {
        // Fader, Hardie & Lee (2005), section 5 (and lifetimes' test "conditional expectation returns
        // same value as Hardie excel sheet"): x = 2, tₓ = 30.43, T = 38.86 → E[Y(39)] = 1.226.
        Assert.Equal(1.226, Cdnow.ExpectedPurchases(39, new RfmPoint(2, 30.43, 38.86)), 3);
    }

    [Theory]
    [InlineData(0, 0.0, 5.0)]
    [InlineData(0, 0.0, 1e6)]
    [InlineData(3, 10.0, 40.0)]
    [InlineData(12, 38.0, 39.0)]
    [InlineData(5, 2.0, 1e6)]
    public void ProbabilityAliveIsTheClosedForm(int x, double tx, double t)
    {
        var model = new BgNbdModel(0.5, 6.0, 2.5, 3.0);
        var expected = x == 0 ? 1.0 : 1.0 / (1.0 + (model.A / (model.B + x - 1) * Math.Pow((model.Alpha + t) / (model.Alpha + tx), model.R + x)));
        AssertRelative(expected, model.ProbabilityAlive(new RfmPoint(x, tx, t)), 1e-9);
    }

    [Theory]
    [InlineData(0, 0.0, 5.0, 10.0)]
    [InlineData(0, 0.0, 1e6, 52.0)]
    [InlineData(3, 10.0, 40.0, 39.0)]
    [InlineData(12, 38.0, 39.0, 4.345)]
    [InlineData(5, 2.0, 1e6, 52.0)]
    public void ExpectedPurchasesAreTheClosedForm(int x, double tx, double t, double horizon)
    {
        // a > 1 so that Euler's integral for ₂F₁(r+x, b+x; a+b+x−1; z) converges: an independent way to
        // evaluate the closed form (equation 10) than the series the model sums.
        var m = new BgNbdModel(0.5, 6.0, 2.5, 3.0);
        var z = horizon / (m.Alpha + t + horizon);
        var f21 = EulerF21(m.R + x, m.B + x, m.A + m.B + x - 1, z);
        var numerator = (m.A + m.B + x - 1) / (m.A - 1) * (1 - (Math.Pow((m.Alpha + t) / (m.Alpha + t + horizon), m.R + x) * f21));
        var denominator = 1 + (x > 0 ? m.A / (m.B + x - 1) * Math.Pow((m.Alpha + t) / (m.Alpha + tx), m.R + x) : 0);
        AssertRelative(numerator / denominator, m.ExpectedPurchases(horizon, new RfmPoint(x, tx, t)), 1e-9);
    }

    [Fact]
    public void ProbabilityAliveFallsAsTheCustomerStaysSilent()
    {
        var previous = 1.0;
        foreach (var t in new[] { 31.0, 35, 40, 60, 100, 1_000 })
        {
            var alive = Cdnow.ProbabilityAlive(new RfmPoint(4, 30, t));
            Assert.InRange(alive, 0, previous);
            previous = alive;
        }

        Assert.True(previous < 0.01);
    }

    [Theory]
    [InlineData(1.0, 1.0, 2.0, 0.5)]
    [InlineData(1.0, 1.0, 2.0, 0.95)]
    [InlineData(0.7, 2.5, 2.5, 0.8)]
    public void TheHypergeometricSeriesMatchesKnownClosedForms(double a, double b, double c, double z)
    {
        // ₂F₁(1,1;2;z) = −ln(1−z)/z and ₂F₁(a,b;b;z) = (1−z)^(−a) (Abramowitz & Stegun 15.1.3, 15.1.8).
        var expected = b == c ? Math.Pow(1 - z, -a) : -Math.Log(1 - z) / z;
        AssertRelative(expected, Hypergeometric.F21(a, b, c, z), 1e-12);
    }

    private static double EulerF21(double a, double b, double c, double z)
    {
        // ₂F₁(a,b;c;z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ s^(b−1) (1−s)^(c−b−1) (1−zs)^(−a) ds, for c > b > 0.
        var integral = DoubleExponentialTransformation.Integrate(
            s => Math.Pow(s, b - 1) * Math.Pow(1 - s, c - b - 1) * Math.Pow(1 - (z * s), -a), 0, 1, 1e-15);
        return Math.Exp(SpecialFunctions.GammaLn(c) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(c - b)) * integral;
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
