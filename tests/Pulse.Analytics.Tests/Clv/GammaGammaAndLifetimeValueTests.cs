using Pulse.Analytics.Clv;

namespace Pulse.Analytics.Tests.Clv;

public sealed class GammaGammaAndLifetimeValueTests
{
    [Fact]
    public void TheCdnowSpendFitAgreesWithThePublishedParameters()
    {
        var fit = GammaGammaModel.Fit(Spend());

        // Fader & Hardie (2013), "The Gamma-Gamma model of monetary value", on the 946 repeat buyers of
        // the CDNOW sample: p = 6.25, q = 3.74, γ = 15.44 (lifetimes' test "params out is close to Hardie paper").
        Significant.Equal(6.25, fit["p"]);
        Significant.Equal(3.74, fit["q"]);
        Significant.Equal(15.44, fit["v"]);
        Assert.Equal(946, fit.Observations);
        Assert.All(fit.StandardErrors, se => Assert.True(se > 0 && double.IsFinite(se)));
    }

    [Fact]
    public void ExpectedSpendShrinksAFewPurchasesTowardsThePopulationMean()
    {
        var model = new GammaGammaModel(6.25, 3.74, 15.44);
        var population = 6.25 * 15.44 / 2.74;
        Assert.Equal(population, model.ExpectedSpend(0, 0), 12);
        var one = model.ExpectedSpend(1, 100);
        var many = model.ExpectedSpend(50, 100);
        Assert.InRange(one, population, 100);
        Assert.InRange(many, one, 100);
        var weight = 6.25 * 50 / ((6.25 * 50) + 3.74 - 1);
        Assert.Equal(((1 - weight) * population) + (weight * 100), many, 12);
    }

    [Fact]
    public void LifetimeValueIsTheDiscountedSumOfMonthlyExpectedPurchases()
    {
        var purchases = new BgNbdModel(0.2426, 4.4136, 0.7929, 2.4259);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var customer = new RfmPoint(2, 30.43, 38.86);

        // lifetimes' customer_lifetime_value: Σ_m E[spend] · (E[Y(m·f)] − E[Y((m−1)·f)]) / (1+d)^m.
        double expected = 0;
        for (var m = 1; m <= 12; m++)
        {
            var inMonth = purchases.ExpectedPurchases(m * 4.345, customer) - purchases.ExpectedPurchases((m - 1) * 4.345, customer);
            expected += spend.ExpectedSpend(2, 22.35) * inMonth / Math.Pow(1.01, m);
        }

        var value = LifetimeValue.Discounted(purchases, spend, customer, 22.35, 12, 0.01);
        Assert.Equal(expected, value, 1e-9 * expected);
        Assert.True(LifetimeValue.Discounted(purchases, spend, customer, 22.35, 12, 0.05) < value);
        Assert.True(LifetimeValue.Discounted(purchases, spend, customer, 22.35, 24, 0.01) > value);
        Assert.Equal(0, LifetimeValue.Discounted(purchases, spend, customer, 22.35, 0, 0.01));
    }

    [Fact]
    public void TheIntervalComesFromTheParametersUncertainty()
    {
        var purchases = BgNbdModel.Fit(CdnowSummary.Histogram());
        var spend = GammaGammaModel.Fit(Spend());
        var customer = new RfmPoint(2, 30.43, 38.86);

        var estimate = LifetimeValue.WithInterval(purchases, spend, customer, 22.35, 12, 0.01);
        Assert.Equal(LifetimeValue.Discounted(BgNbdModel.From(purchases), GammaGammaModel.From(spend), customer, 22.35, 12, 0.01), estimate.Value, 12);
        Assert.True(estimate.Lower < estimate.Value && estimate.Value < estimate.Upper, $"{estimate}");

        // With no uncertainty in the parameters the interval closes; with four times the variance it doubles.
        var certain = LifetimeValue.WithInterval(purchases with { Covariance = new double[4, 4] }, spend with { Covariance = new double[3, 3] }, customer, 22.35, 12, 0.01);
        Assert.Equal(certain.Value, certain.Lower, 9);
        Assert.Equal(certain.Value, certain.Upper, 9);
        var wider = LifetimeValue.WithInterval(purchases with { Covariance = Times(purchases.Covariance, 4) }, spend with { Covariance = Times(spend.Covariance, 4) }, customer, 22.35, 12, 0.01);
        Assert.Equal(2 * (estimate.Upper - estimate.Value), wider.Upper - wider.Value, 6);
    }

    [Fact]
    public void CompressedAndUncompressedFitsAgree()
    {
        var compressed = BgNbdModel.Fit(CdnowSummary.Histogram());
        var oneByOne = new RfmHistogram();
        var expanded = BgNbdModel.Fit(CdnowSummary.Histogram(), BgNbdModel.From(compressed));
        Assert.True(CdnowSummary.Histogram().Distinct < CdnowSummary.Customers.Count);
        foreach (var (c, i) in CdnowSummary.Customers.Select((c, i) => (c, i)))
        {
            // Make every customer distinct by a negligible shift of T: no two share a term any more.
            oneByOne.Add(c.Point with { T = c.Point.T + (i * 1e-12) });
        }

        var separate = BgNbdModel.Fit(oneByOne);
        Assert.Equal(CdnowSummary.Customers.Count, oneByOne.Distinct);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(compressed.Parameters[i], separate.Parameters[i], 1e-5 * compressed.Parameters[i]);
            Assert.Equal(compressed.Parameters[i], expanded.Parameters[i], 1e-6 * compressed.Parameters[i]);
        }
    }

    private static double[,] Times(double[,] m, double k)
    {
        var r = (double[,])m.Clone();
        for (var i = 0; i < r.GetLength(0); i++)
        {
            for (var j = 0; j < r.GetLength(1); j++)
            {
                r[i, j] *= k;
            }
        }

        return r;
    }

    private static SpendHistogram Spend()
    {
        var spend = new SpendHistogram();
        foreach (var c in CdnowSummary.Customers)
        {
            spend.Add(c.Point.Frequency, c.MeanSpend);
        }

        return spend;
    }
}
