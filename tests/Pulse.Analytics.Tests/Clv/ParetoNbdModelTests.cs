using System.Globalization;
using MathNet.Numerics;
using Pulse.Analytics.Clv;

namespace Pulse.Analytics.Tests.Clv;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987) on the CDNOW sample against the published
/// fit, and its closed forms against references computed here another way: the published likelihood
/// (Fader &amp; Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions", equations
/// 18–20) summed as written, and the integrals behind it evaluated by adaptive Gauss–Kronrod quadrature.
/// </summary>
public sealed class ParetoNbdModelTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow");
    private static readonly Lazy<List<RfmPoint>> CdnowCustomers = new(ReadCdnow);
    private static readonly Lazy<ModelFit> CdnowFit = new(() => ParetoNbdModel.Fit(RfmHistogram.From(CdnowCustomers.Value)));

    // α < β as on CDNOW, α > β, α = β exactly, and a strongly unequal pair with s > 1.
    public static readonly TheoryData<double, double, double, double> ParameterSets = new()
    {
        { 0.5533, 10.5776, 0.6062, 11.6679 },
        { 0.5533, 11.6679, 0.6062, 10.5776 },
        { 0.5533, 11.0, 0.6062, 11.0 },
        { 2.5, 3.0, 1.7, 25.0 },
    };

    // Hand-picked histories: no repeat purchase, CDNOW customers 1 and 1516 (BTYD walkthrough), a customer seen
    // for a million periods, a purchase on the last day (tₓ = T) and a heavy buyer who went quiet.
    private static readonly RfmPoint[] Histories =
    [
        new(0, 0, 38.86),
        new(2, 30.43, 38.86),
        new(26, 30.86, 31),
        new(5, 3, 1e6),
        new(0, 0, 1e6),
        new(12, 20, 20),
        new(40, 10, 60),
    ];

    // Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), section 4: the
    // Pareto/NBD on the 2,357 CDNOW customers observed to 1997-09-30 gives r = 0.553, α = 10.578, s = 0.606,
    // β = 11.669, LL = −9595.0 (to three decimals as restated in lifetimes' tests/test_estimation.py,
    // test_params_out_is_close_to_Hardie_paper, and in CLVTools' tests/testthat/test_correctness_pnbd.R);
    // LL = −9594.976 at the optimum in the BTYD walkthrough and CLVTools' test_correctness_pnbd.R.
    [Fact]
    public void FitOnCdnowReproducesThePublishedParetoNbdEstimates()
    {
        var fit = CdnowFit.Value;

        Assert.True(fit.Converged);
        Assert.Equal(2357, fit.Observations);
        AssertSameSignificantFigures(0.553, fit["r"], 3);
        AssertSameSignificantFigures(10.578, fit["alpha"], 3);
        AssertSameSignificantFigures(0.606, fit["s"], 3);
        AssertSameSignificantFigures(11.669, fit["beta"], 3);
        Assert.Equal(0.553, fit["r"], 0.0005);
        Assert.Equal(10.578, fit["alpha"], 0.005);
        Assert.Equal(0.606, fit["s"], 0.0005);
        Assert.Equal(11.669, fit["beta"], 0.005);
        Assert.Equal(-9595.0, Math.Round(fit.LogLikelihood, 1));
        Assert.Equal(-9594.976, fit.LogLikelihood, 0.01);
        Assert.Equal(fit.LogLikelihood, CdnowCustomers.Value.Sum(ParetoNbdModel.From(fit).LogLikelihood), 1e-8);
    }

    // Fitting from other starting points lands on the same optimum (BTYD's walkthrough and CLVTools start at (1, 1, 1, 1)).
    [Fact]
    public void FitOnCdnowDoesNotDependOnTheStartingPoint()
    {
        var histogram = RfmHistogram.From(CdnowCustomers.Value);
        var reference = CdnowFit.Value;
        foreach (var start in new ParetoNbdModel[] { new(0.5, 6, 0.9, 8), new(1, 2, 1, 2), new(0.1, 50, 3, 0.5) })
        {
            var fit = ParetoNbdModel.Fit(histogram, start);
            for (var i = 0; i < 4; i++)
            {
                AssertRelative(reference.Parameters[i], fit.Parameters[i], 1e-5);
            }
        }
    }

    // A histogram is only a compression: the same customers summed one by one give the same fit.
    [Fact]
    public void FittingTheHistogramEqualsFittingEachCustomerOneByOne()
    {
        var customers = CdnowCustomers.Value;
        var compressed = ParetoNbdModel.Fit(RfmHistogram.From(customers));

        double OneByOne(ReadOnlySpan<double> parameters, Span<double> gradient)
        {
            Span<double> single = stackalloc double[4];
            gradient.Clear();
            var total = 0.0;
            foreach (var customer in customers)
            {
                total -= ParetoNbdModel.LogLikelihood(customer, parameters, single);
                for (var j = 0; j < 4; j++)
                {
                    gradient[j] -= single[j];
                }
            }

            return total;
        }

        var uncompressed = MaximumLikelihood.Fit(ParetoNbdModel.ParameterNames, OneByOne, [1, 1, 1, 1], customers.Count);

        Assert.True(RfmHistogram.From(customers).Distinct < customers.Count);
        for (var i = 0; i < 4; i++)
        {
            AssertRelative(uncompressed.Parameters[i], compressed.Parameters[i], 1e-6);
        }

        AssertRelative(uncompressed.LogLikelihood, compressed.LogLikelihood, 1e-10);
    }

    // Standard errors from the inverse Hessian. CLVTools' tests/testthat/test_correctness_pnbd.R gives
    // r 0.0476264, α 0.8427222, s 0.1872594, β 6.2105448 for its CDNOW fit (its recency and age are not rounded
    // to two decimals as in lifetimes' summary, so agreement to 1% is what to expect).
    [Fact]
    public void StandardErrorsAtTheCdnowOptimumAreFinitePositiveAndMatchClvTools()
    {
        var errors = CdnowFit.Value.StandardErrors;

        Assert.All(errors, e => Assert.True(double.IsFinite(e) && e > 0, $"standard error {e}"));
        AssertRelative(0.0476264, errors[0], 0.01);
        AssertRelative(0.8427222, errors[1], 0.01);
        AssertRelative(0.1872594, errors[2], 0.01);
        AssertRelative(6.2105448, errors[3], 0.01);
    }

    // Fader & Hardie (2005) note, equations 18–20, summed as published: the untransformed ₂F₁ with
    // z = (α−β)/(α+t) when α ≥ β, (β−α)/(β+t) otherwise, no logs.
    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void LogLikelihoodMatchesThePublishedFormula(double r, double alpha, double s, double beta)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        foreach (var customer in Histories)
        {
            AssertRelative(PublishedLikelihood(model, customer), Math.Exp(model.LogLikelihood(customer)), 1e-9);
        }
    }

    // P(alive) = A / (A + s ∫ₜₓᵀ (α+y)^−(r+x) (β+y)^−(s+1) dy) with A = (α+T)^−(r+x) (β+T)^−s, the integral by
    // quadrature; E[Y(t)] = P(alive) (r+x)/(α+T) E[(1 − e^−μt)/μ] with μ ~ Gamma(s, β+T) (the posterior of the
    // purchase and dropout rates of a customer alive at T), also by quadrature, and the closed form of the
    // note's equation 41 written out with Math.Pow.
    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void ProbabilityAliveAndConditionalExpectationMatchIndependentReferences(double r, double alpha, double s, double beta)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        foreach (var customer in Histories)
        {
            var alive = IntegratedProbabilityAlive(model, customer);
            AssertRelative(alive, model.ProbabilityAlive(customer), 1e-9);
            foreach (var t in new[] { 0.5, 39, 52, 1000 })
            {
                var x = customer.Frequency;
                var mixture = alive * (r + x) / (alpha + customer.T) * ExpectedTimeAliveWithin(s, beta + customer.T, t);
                var closedForm = alive * (r + x) * (beta + customer.T) / ((alpha + customer.T) * (s - 1))
                    * (1 - Math.Pow((beta + customer.T) / (beta + customer.T + t), s - 1));
                AssertRelative(mixture, model.ExpectedPurchases(t, customer), 1e-9);
                AssertRelative(closedForm, model.ExpectedPurchases(t, customer), 1e-9);
            }
        }
    }

    // E[X(t)] = (r/α) E[(1 − e^−μt)/μ] with μ ~ Gamma(s, β) (note, equation 27), by quadrature and as written.
    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void UnconditionalExpectationMatchesTheGammaMixture(double r, double alpha, double s, double beta)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        Assert.Equal(0, model.ExpectedPurchases(0));
        foreach (var t in new[] { 0.1429, 1, 39, 78, 1e6 })
        {
            AssertRelative(r / alpha * ExpectedTimeAliveWithin(s, beta, t), model.ExpectedPurchases(t), 1e-9);
            AssertRelative(r * beta / (alpha * (s - 1)) * (1 - Math.Pow(beta / (beta + t), s - 1)), model.ExpectedPurchases(t), 1e-9);
        }
    }

    // At s = 1 the expectations are limits: E[X(t)] = (r/α) β ln(1 + t/β).
    [Fact]
    public void ExpectationsAreContinuousAtSEqualToOne()
    {
        var atOne = new ParetoNbdModel(0.55, 10.6, 1, 11.7);
        AssertRelative(0.55 / 10.6 * 11.7 * Math.Log(1 + (52 / 11.7)), atOne.ExpectedPurchases(52), 1e-12);
        var customer = new RfmPoint(3, 20, 30);
        foreach (var nearby in new[] { 1 - 1e-9, 1 + 1e-9 })
        {
            var other = new ParetoNbdModel(0.55, 10.6, nearby, 11.7);
            AssertRelative(atOne.ExpectedPurchases(52), other.ExpectedPurchases(52), 1e-8);
            AssertRelative(atOne.ExpectedPurchases(52, customer), other.ExpectedPurchases(52, customer), 1e-8);
        }
    }

    // The two forms of the likelihood meet at α = β (z = 0 in both): no step in the value or the gradient.
    [Fact]
    public void LikelihoodIsContinuousWhereAlphaEqualsBeta()
    {
        Span<double> at = stackalloc double[4];
        Span<double> below = stackalloc double[4];
        Span<double> above = stackalloc double[4];
        foreach (var customer in Histories)
        {
            var value = ParetoNbdModel.LogLikelihood(customer, [0.55, 11, 0.6, 11], at);
            var under = ParetoNbdModel.LogLikelihood(customer, [0.55, 11 * (1 - 1e-12), 0.6, 11], below);
            var over = ParetoNbdModel.LogLikelihood(customer, [0.55, 11 * (1 + 1e-12), 0.6, 11], above);
            Assert.Equal(value, under, 1e-9);
            Assert.Equal(value, over, 1e-9);
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(at[j], below[j], 1e-7);
                Assert.Equal(at[j], above[j], 1e-7);
            }
        }
    }

    // The analytic gradient of the compiled objective against central differences of its value.
    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void ObjectiveGradientMatchesCentralDifferences(double r, double alpha, double s, double beta)
    {
        var objective = ParetoNbdModel.Objective(Histories.Select((c, i) => KeyValuePair.Create(c, (long)(i + 1))));
        double[] point = [r, alpha, s, beta];
        var analytic = new double[4];
        var ignored = new double[4];
        objective(point, analytic);
        for (var j = 0; j < 4; j++)
        {
            var h = 1e-6 * point[j];
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = (objective(plus, ignored) - objective(minus, ignored)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-6 * Math.Max(1, Math.Abs(analytic[j])), $"d/d{ParetoNbdModel.ParameterNames[j]}: analytic {analytic[j]}, numeric {numeric}");
        }
    }

    // lifetimes' test_conditional_probability_alive_is_between_0_and_1 grid, on the CDNOW fit; plus the shape
    // of the curves: a quiet customer is less likely alive the longer we wait, and expectations grow with the horizon.
    [Fact]
    public void ProbabilityAliveIsAProbabilityThatFallsWithAgeAndExpectationsGrowWithTheHorizon()
    {
        var model = ParetoNbdModel.From(CdnowFit.Value);
        for (var x = 0; x < 100; x += 10)
        {
            for (var recency = x == 0 ? 0 : 10; recency < 100; recency += 10)
            {
                var previous = double.PositiveInfinity;
                for (var age = recency; age < 100; age += 10)
                {
                    var alive = model.ProbabilityAlive(new RfmPoint(x, recency, age));
                    Assert.InRange(alive, 0.0, 1.0);
                    Assert.True(alive < previous || (alive == 0 && previous == 0), $"P(alive) at ({x}, {recency}, {age}) = {alive} after {previous}");
                    previous = alive;
                }
            }
        }

        foreach (var customer in Histories)
        {
            var previous = 0.0;
            foreach (var t in new[] { 1, 2, 5, 10, 39, 52, 100, 1000, 1e5 })
            {
                var expected = model.ExpectedPurchases(t, customer);
                Assert.True(expected > previous, $"E[Y({t})] for {customer} = {expected} after {previous}");
                previous = expected;
            }
        }

        var unconditional = new double[] { 1, 10, 52, 1000 }.Select(model.ExpectedPurchases).ToArray();
        Assert.True(unconditional.Zip(unconditional.Skip(1)).All(p => p.First < p.Second));
    }

    // lifetimes tests/test_estimation.py, test_conditional_probability_alive: BTYD walkthrough, page 8 — customer 1516
    // (x = 26, tₓ = 30.86, T = 31) at BTYD's CDNOW estimates (0.5534, 10.5802, 0.6061, 11.6562) is alive with 0.9979.
    [Fact]
    public void ProbabilityAliveMatchesTheBtydWalkthrough()
    {
        var model = new ParetoNbdModel(0.5534, 10.5802, 0.6061, 11.6562);
        Assert.Equal(0.9979, model.ProbabilityAlive(new RfmPoint(26, 30.86, 31)), 0.00005);
    }

    // lifetimes tests/test_estimation.py, test_conditional_expectation_returns_same_value_as_R_BTYD (from the BTYD
    // walkthrough): on the CDNOW fit, customer 1516 is expected to make 25.46 purchases in the next 52 weeks
    // (lifetimes checks to 0.01).
    [Fact]
    public void ConditionalExpectationOnTheCdnowFitMatchesTheBtydWalkthrough()
    {
        var model = ParetoNbdModel.From(CdnowFit.Value);
        Assert.Equal(25.46, model.ExpectedPurchases(52, new RfmPoint(26, 30.86, 31)), 0.01);
    }

    // BTYD walkthrough: pnbd.Expectation(params, t = 52) = 1.473 at (0.5533971, 10.5801985, 0.6060625, 11.6562237).
    [Fact]
    public void UnconditionalExpectationMatchesTheBtydWalkthrough()
    {
        var model = new ParetoNbdModel(0.5533971, 10.5801985, 0.6060625, 11.6562237);
        Assert.Equal(1.473, model.ExpectedPurchases(52), 0.0005);
    }

    // lifetimes tests/test_estimation.py, test_conditional_expectation_underflow: at (r, α, s, β) = (0.55, 10.58, 0.61,
    // 11.67), E[Y(10)] for (x, tₓ, T) = (132, 200, 200) and (133, 200, 200); the values are the ones lifetimes
    // prints in that test's comments.
    [Fact]
    public void ConditionalExpectationForHeavyBuyersMatchesLifetimes()
    {
        var model = new ParetoNbdModel(0.55, 10.58, 0.61, 11.67);
        AssertRelative(6.2060517889632418, model.ExpectedPurchases(10, new RfmPoint(132, 200, 200)), 1e-12);
        AssertRelative(6.2528722475748113, model.ExpectedPurchases(10, new RfmPoint(133, 200, 200)), 1e-12);
    }

    // Histories that overflowed earlier implementations: lifetimes' test_overflow_error and
    // test_conditional_probability_alive_overflow_error (α = 0.008, β = 2.82), and CLVTools' "numerically stable
    // PAlive that produced NaNs in previous implementation" (test_correctness_pnbd.R).
    [Fact]
    public void ExtremeHistoriesStayFinite()
    {
        var lifetimes = new ParetoNbdModel(10.465, 7.98565181e-03, 3.0516, 2.820);
        foreach (var customer in new RfmPoint[] { new(400, 5, 6), new(500, 1, 37), new(500, 4, 37) })
        {
            Assert.True(double.IsFinite(lifetimes.LogLikelihood(customer)));
            Assert.InRange(lifetimes.ProbabilityAlive(customer), 0.0, 1.0);
        }

        foreach (var customer in new RfmPoint[] { new(40, 5, 6), new(50, 1, 37), new(50, 4, 37) })
        {
            Assert.InRange(lifetimes.ProbabilityAlive(customer), 0.0, 1.0);
        }

        var clvTools = new ParetoNbdModel(0.5143, 2.8845, 0.2856, 14.1087);
        var histories = new RfmPoint[] { new(221, 103.42857, 103.57143), new(254, 97.14286, 97.28571), new(161, 94.71429, 98.0), new(204, 98.57143, 99.42857) };
        foreach (var customer in histories)
        {
            var alive = clvTools.ProbabilityAlive(customer);
            Assert.True(double.IsFinite(alive));
            Assert.InRange(alive, 0.0, 1.0);
            Assert.True(double.IsFinite(clvTools.ExpectedPurchases(52, customer)));
        }
    }

    [Fact]
    public void FromReadsParametersByName()
    {
        var fit = CdnowFit.Value;
        var model = ParetoNbdModel.From(fit);

        Assert.Equal(ParetoNbdModel.ParameterNames, fit.Names);
        Assert.Equal([model.R, model.Alpha, model.S, model.Beta], fit.Parameters);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(0, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ExpectedPurchases(-1));
    }

    // Equations 18–20 of the note as printed: L = Γ(r+x)αʳβˢ/Γ(r) [(α+T)^−(r+x)(β+T)^−s + s/(r+s+x) A₀].
    private static double PublishedLikelihood(ParetoNbdModel m, RfmPoint c)
    {
        var (r, alpha, s, beta, x) = (m.R, m.Alpha, m.S, m.Beta, (double)c.Frequency);
        double Term(double t) => alpha >= beta
            ? Hypergeometric.F21(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + t)) / Math.Pow(alpha + t, r + s + x)
            : Hypergeometric.F21(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + t)) / Math.Pow(beta + t, r + s + x);
        var a0 = Term(c.Recency) - Term(c.T);
        return Math.Exp(SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r)) * Math.Pow(alpha, r) * Math.Pow(beta, s)
            * ((Math.Pow(alpha + c.T, -(r + x)) * Math.Pow(beta + c.T, -s)) + (s / (r + s + x) * a0));
    }

    // 1 / (1 + s ∫ₜₓᵀ ((α+T)/(α+y))^(r+x) ((β+T)/(β+y))^s dy/(β+y)), integrating over v = ln(β+y).
    private static double IntegratedProbabilityAlive(ParetoNbdModel m, RfmPoint c)
    {
        if (c.Recency == c.T)
        {
            return 1;
        }

        var (r, alpha, s, beta, x, age) = (m.R, m.Alpha, m.S, m.Beta, (double)c.Frequency, c.T);
        double Integrand(double v)
        {
            var betaY = Math.Exp(v);
            var alphaY = alpha - beta + betaY;
            return Math.Exp(((r + x) * Math.Log((alpha + age) / alphaY)) + (s * Math.Log((beta + age) / betaY)));
        }

        var integral = Integrate.GaussKronrod(Integrand, Math.Log(beta + c.Recency), Math.Log(beta + age), out _, out _, 1e-14, 40, 61);
        return 1 / (1 + (s * integral));
    }

    // E[(1 − e^−μt)/μ] for μ ~ Gamma(shape, rate) is the expected time alive within the next t periods,
    // E[min(lifetime, t)] = ∫₀ᵗ P(lifetime > τ) dτ = ∫₀ᵗ (rate/(rate+τ))^shape dτ (the Pareto II survival curve):
    // by quadrature in τ up to τ = rate, then in ln(rate+τ), where the curve is a plain power.
    private static double ExpectedTimeAliveWithin(double shape, double rate, double t)
    {
        double Survival(double tau) => Math.Exp(-shape * Math.Log((rate + tau) / rate));
        var near = Integrate.GaussKronrod(Survival, 0, Math.Min(t, rate), out _, out _, 1e-14, 20, 61);
        if (t <= rate)
        {
            return near;
        }

        // dτ = (rate+τ) du with u = ln(rate+τ).
        double Far(double u) => Math.Exp((shape * Math.Log(rate)) + ((1 - shape) * u));
        return near + Integrate.GaussKronrod(Far, Math.Log(2 * rate), Math.Log(rate + t), out _, out _, 1e-14, 20, 61);
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(
            Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative difference {Math.Abs(actual - expected) / Math.Abs(expected):E2}, allowed {tolerance:E0})");

    private static void AssertSameSignificantFigures(double published, double actual, int figures)
    {
        static double Round(double value, int figures)
        {
            var scale = Math.Pow(10, figures - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
            return Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
        }

        Assert.Equal(Round(published, figures), Round(actual, figures));
    }

    private static List<RfmPoint> ReadCdnow() =>
        File.ReadLines(Path.Combine(DataDirectory, "cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(','))
            .Select(f => new RfmPoint(
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
}
