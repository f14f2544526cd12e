using System.Globalization;
using Pulse.Analytics.Clv;
using Pulse.Analytics.Rfm;

namespace Pulse.Analytics.Tests.Clv;

/// <summary>
/// The calibration/holdout check of Fader, Hardie &amp; Lee (2005), section 5, on the CDNOW sample
/// (Data/cdnow/CDNOW_sample.txt, see its SOURCE.md): calibration to 1997-09-30 (39 weeks after the
/// cohort's first quarter begins), holdout to 1998-06-30 (another 39 weeks), periods of one week.
/// </summary>
public sealed class CalibrationHoldoutTests
{
    private static readonly HoldoutWindow CdnowWindow = new(new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30), 7);
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow");
    private static readonly Lazy<IReadOnlyList<HoldoutCustomer>> CdnowCustomers = new(() => CalibrationHoldout.Split(ReadPurchases(), CdnowWindow));
    private static readonly Lazy<HoldoutReport> CdnowReport = new(() => CalibrationHoldout.Report(CdnowCustomers.Value, CdnowWindow));

    [Fact]
    public void TheHoldoutOfTheCdnowSampleIsThirtyNineWeeks() => Assert.Equal(39, CdnowWindow.HoldoutLength, 12);

    [Fact]
    public void CalibrationTriplesEqualTheLifetimesReferenceSummaryForEveryCustomer()
    {
        // cdnow_customers_summary_with_transactions.csv is the summary of the same sample to 1997-09-30, in weeks to 2 decimals.
        var customers = CdnowCustomers.Value.ToDictionary(c => int.Parse(c.CustomerId, CultureInfo.InvariantCulture));
        Assert.Equal(2357, customers.Count);
        foreach (var reference in CdnowSummary.Customers)
        {
            var point = customers[reference.Id].Calibration;
            Assert.Equal(reference.Point.Frequency, point.Frequency);
            Assert.Equal(reference.Point.Recency, Math.Round(point.Recency, 2, MidpointRounding.AwayFromZero));
            Assert.Equal(reference.Point.T, Math.Round(point.T, 2, MidpointRounding.AwayFromZero));
        }
    }

    [Fact]
    public void TheCalibrationFitReproducesThePublishedBgNbdParameters()
    {
        var bgNbd = CdnowReport.Value.Models.Single(m => m.Model == RepeatPurchaseModel.BgNbd.Name);

        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", section 5, fitted on exactly
        // this calibration period: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        Significant.Equal(0.243, bgNbd.Fit["r"]);
        Significant.Equal(4.414, bgNbd.Fit["alpha"], 4);
        Significant.Equal(0.793, bgNbd.Fit["a"]);
        Significant.Equal(2.426, bgNbd.Fit["b"], 4);
        Significant.Equal(-9582.4, bgNbd.Fit.LogLikelihood, 5);

        // The same section's Pareto/NBD fit on this calibration period: r = 0.553, α = 10.578, s = 0.606,
        // β = 11.669, LL = −9595.0 (to these digits as lifetimes' tests/test_estimation.py restates them).
        var paretoNbd = CdnowReport.Value.Models.Single(m => m.Model == RepeatPurchaseModel.ParetoNbd.Name);
        Significant.Equal(0.553, paretoNbd.Fit["r"]);
        Significant.Equal(10.578, paretoNbd.Fit["alpha"], 4);
        Significant.Equal(0.606, paretoNbd.Fit["s"]);
        Significant.Equal(11.669, paretoNbd.Fit["beta"], 4);
        Significant.Equal(-9595.0, paretoNbd.Fit.LogLikelihood, 5);
    }

    [Fact]
    public void BucketCountsAndActualMeansMatchAnIndependentCountOfTheFile()
    {
        // Straight from the file's text: distinct YYYYMMDD strings per sample id, compared as strings.
        var days = File.ReadLines(Path.Combine(DataDirectory, "CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .GroupBy(f => f[1], f => f[2])
            .Select(g => g.Distinct(StringComparer.Ordinal).ToList())
            .ToList();
        var expected = days
            .Where(d => d.Any(day => string.CompareOrdinal(day, "19970930") <= 0))
            .Select(d => (
                Bucket: Math.Min(d.Count(day => string.CompareOrdinal(day, "19970930") <= 0) - 1, 7),
                Holdout: d.Count(day => string.CompareOrdinal(day, "19970930") > 0 && string.CompareOrdinal(day, "19980630") <= 0)))
            .GroupBy(c => c.Bucket)
            .OrderBy(g => g.Key)
            .Select(g => (Bucket: g.Key, Customers: (long)g.Count(), Mean: g.Average(c => c.Holdout)))
            .ToList();

        var report = CdnowReport.Value;
        Assert.Equal(expected.Select(e => e.Bucket), report.Buckets.Select(b => b.Frequency));
        Assert.Equal(expected.Select(e => e.Customers), report.Buckets.Select(b => b.Customers));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Mean, report.Buckets[i].MeanActual, 12);
        }

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], report.Buckets.Select(b => b.Label));
        Assert.True(report.Buckets[^1].AndMore);
        Assert.Equal(2357, report.Customers);
        Assert.Equal(report.ActualTotal, report.Buckets.Sum(b => b.MeanActual * b.Customers), 9);
    }

    [Fact]
    public void PredictionsRiseWithCalibrationFrequencyAndTheTotalIsCloseToTheActual()
    {
        var report = CdnowReport.Value;
        for (var m = 0; m < report.Models.Count; m++)
        {
            var model = report.Models[m];
            Assert.True(report.Buckets[0].MeanPredicted[m] < report.Buckets[^1].MeanPredicted[m], model.Model);
            Assert.InRange(model.PredictedTotal, 0.85 * report.ActualTotal, 1.15 * report.ActualTotal);
            Assert.True(model.MeanAbsoluteError > 0 && model.RootMeanSquaredError >= model.MeanAbsoluteError, model.Model);
            var fromBuckets = report.Buckets.Sum(b => b.MeanPredicted[m] * b.Customers);
            Assert.Equal(model.PredictedTotal, fromBuckets, 6);
        }
    }

    [Fact]
    public void ErrorsAreTheMeanAbsoluteAndRootMeanSquareOfPerCustomerPredictions()
    {
        var window = new HoldoutWindow(new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 1), 1);
        var customers = new[]
        {
            new HoldoutCustomer("a", new RfmPoint(0, 0, 10), 1),
            new HoldoutCustomer("b", new RfmPoint(2, 5, 20), 0),
            new HoldoutCustomer("c", new RfmPoint(2, 5, 20), 4),
        };
        var constant = new RepeatPurchaseModel(
            "constant",
            h => new ModelFit(["k"], [1.5], -1, 0, true, new double[1, 1], h.Customers),
            fit => (t, customer) => fit["k"] + customer.Frequency);

        var report = CalibrationHoldout.Report(customers, window, [constant], openBucket: 1);
        var score = Assert.Single(report.Models);

        // Predictions 1.5, 3.5, 3.5 against 1, 0, 4: errors 0.5, 3.5, −0.5.
        Assert.Equal((0.5 + 3.5 + 0.5) / 3, score.MeanAbsoluteError, 12);
        Assert.Equal(Math.Sqrt((0.25 + 12.25 + 0.25) / 3), score.RootMeanSquaredError, 12);
        Assert.Equal(8.5, score.PredictedTotal, 12);
        Assert.Equal(["0", "1+"], report.Buckets.Select(b => b.Label));
        Assert.Equal(2.0, report.Buckets[1].MeanActual);
        Assert.Equal(3.5, report.Buckets[1].MeanPredicted[0], 12);
    }

    [Fact]
    public void AModelThatCannotBeFittedIsReportedAndTheOthersAreStillScored()
    {
        var window = new HoldoutWindow(new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 1), 1);
        HoldoutCustomer[] customers = [new("a", new RfmPoint(0, 0, 10), 1), new("b", new RfmPoint(1, 5, 20), 0)];
        var constant = new RepeatPurchaseModel("constant", h => new ModelFit(["k"], [1], -1, 0, true, new double[1, 1], h.Customers), fit => (_, _) => fit["k"]);
        var diverging = new RepeatPurchaseModel("diverging", _ => throw new InvalidOperationException("the fit did not converge: Maximum iterations (1000) reached."), fit => (_, _) => 0);
        var infinite = new RepeatPurchaseModel("infinite", constant.Fit, _ => (_, _) => double.PositiveInfinity);

        var report = CalibrationHoldout.Report(customers, window, [diverging, constant, infinite]);

        Assert.Equal(["constant"], report.Models.Select(m => m.Model));
        Assert.All(report.Buckets, b => Assert.Single(b.MeanPredicted));
        Assert.Equal(["diverging", "infinite"], report.Failures.Select(f => f.Model));
        Assert.Contains("did not converge", report.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not finite", report.Failures[1].Reason, StringComparison.Ordinal);
        var none = Assert.Throws<InvalidOperationException>(() => CalibrationHoldout.Report(customers, window, [diverging]));
        Assert.Contains("diverging", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASplitCountsDistinctDaysAndLeavesOutCustomersWhoStartedAfterTheCalibration()
    {
        var window = new HoldoutWindow(new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 31), 7);
        var purchases = new (string, DateOnly)[]
        {
            ("a", new DateOnly(2024, 1, 3)),
            ("a", new DateOnly(2024, 1, 17)),
            ("a", new DateOnly(2024, 1, 17)), // same day: one purchase
            ("a", new DateOnly(2024, 1, 31)), // the calibration end belongs to the calibration
            ("a", new DateOnly(2024, 2, 1)),
            ("a", new DateOnly(2024, 2, 1)),
            ("a", new DateOnly(2024, 3, 31)),
            ("a", new DateOnly(2024, 4, 1)),  // after the observation end: ignored
            ("late", new DateOnly(2024, 2, 10)),
            ("b", new DateOnly(2024, 1, 24)),
        };

        var customers = CalibrationHoldout.Split(purchases, window);

        Assert.Equal(["a", "b"], customers.Select(c => c.CustomerId));
        Assert.Equal(new HoldoutCustomer("a", new RfmPoint(2, 28 / 7.0, 28 / 7.0), 2), customers[0]);
        Assert.Equal(new HoldoutCustomer("b", new RfmPoint(0, 0, 1), 0), customers[1]);
    }

    [Theory]
    [InlineData("2015-02-07", new[] { "1", "2", "3", "4", "5" }, new[] { 1, 0, 0, 2, 0 })]
    [InlineData("2015-02-04", new[] { "1", "2", "3", "4", "5" }, new[] { 0, 0, 0, 1, 0 })]
    public void TheSplitAgreesWithLifetimesCalibrationAndHoldoutData(string observationEnd, string[] ids, int[] holdout)
    {
        // The transactions and calibration end of lifetimes' tests/test_utils.py (fixture
        // large_transaction_level_data; tests test_calibration_and_holdout_data and
        // test_calibration_and_holdout_data_gives_correct_date_boundaries): customer 1 has 1 holdout purchase
        // and customer 2 none to 2015-02-07; to 2015-02-04 customer 1 has none and customer 4 one; customer 6
        // (first purchase 2015-02-02) is left out. Days as periods (freq="D").
        var purchases = new (string, string)[]
        {
            ("1", "2015-01-01"), ("1", "2015-02-06"), ("2", "2015-01-01"), ("3", "2015-01-01"), ("3", "2015-01-02"),
            ("3", "2015-01-05"), ("4", "2015-01-16"), ("4", "2015-02-02"), ("4", "2015-02-05"), ("5", "2015-01-16"),
            ("5", "2015-01-17"), ("5", "2015-01-18"), ("6", "2015-02-02"),
        }.Select(p => (p.Item1, DateOnly.Parse(p.Item2, CultureInfo.InvariantCulture)));
        var window = new HoldoutWindow(new DateOnly(2015, 2, 1), DateOnly.Parse(observationEnd, CultureInfo.InvariantCulture), 1);

        var customers = CalibrationHoldout.Split(purchases, window);

        Assert.Equal(ids, customers.Select(c => c.CustomerId));
        Assert.Equal(holdout, customers.Select(c => c.HoldoutPurchases));
        Assert.Equal([new(0, 0, 31), new(0, 0, 31), new(2, 4, 31), new(0, 0, 16), new RfmPoint(2, 2, 16)], customers.Select(c => c.Calibration));
    }

    [Fact]
    public void AWindowMustEndAfterItsCalibration()
    {
        Assert.Throws<ArgumentException>(() => new HoldoutWindow(new DateOnly(2024, 1, 31), new DateOnly(2024, 1, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutWindow(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), 0));
        Assert.Throws<ArgumentException>(() => CalibrationHoldout.Report([], CdnowWindow));
    }

    private static IEnumerable<(string CustomerId, DateOnly Day)> ReadPurchases() =>
        File.ReadLines(Path.Combine(DataDirectory, "CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => (int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture)));
}
