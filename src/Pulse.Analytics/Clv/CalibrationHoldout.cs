using System.Globalization;
using Pulse.Analytics.Rfm;

namespace Pulse.Analytics.Clv;

/// <summary>
/// The calibration/holdout check of the BG/NBD paper (Fader, Hardie &amp; Lee 2005, section 5): fit
/// each model on what customers did up to a calibration end, predict each customer's purchases in the
/// holdout that follows, and compare with what they did — per customer (mean absolute and root-mean-square
/// error) and per calibration frequency (the paper's conditional-expectation plot).
/// </summary>
/// <remarks>
/// Customers are split as <c>lifetimes</c>' <c>calibration_and_holdout_data</c> splits them at day
/// granularity: the calibration triple is the RFM summary of the purchases on or before the calibration
/// end (distinct purchase days; x = days − 1, tₓ and T from the first purchase day, in periods), and the
/// holdout count is the number of distinct purchase days after the calibration end up to and including
/// the observation end. A customer whose first purchase is after the calibration end has no calibration
/// history and is left out; purchases after the observation end are ignored.
/// </remarks>
public static class CalibrationHoldout
{
    /// <summary>The last, open frequency bucket of the paper's plot: 0, 1, ..., 6, 7+.</summary>
    public const int DefaultOpenBucket = 7;

    /// <summary>One customer split at the calibration end; null when the customer first bought after it.</summary>
    public static HoldoutCustomer? Split(string customerId, PurchaseHistory history, HoldoutWindow window)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(window);
        var calibration = history.Summarize(window.CalibrationEnd);
        if (calibration.FirstPurchaseDay is null)
        {
            return null;
        }

        var (frequency, recency, t, _) = calibration.InPeriods(window.PeriodDays);
        var calibrationEnd = window.CalibrationEnd.DayNumber;
        var observationEnd = window.ObservationEnd.DayNumber;
        var holdout = 0;
        foreach (var day in history.Days)
        {
            if (day > calibrationEnd && day <= observationEnd)
            {
                holdout++;
            }
        }

        return new HoldoutCustomer(customerId, new RfmPoint(frequency, recency, t), holdout);
    }

    /// <summary>
    /// Every customer of a transaction list split at the calibration end, in order of first appearance.
    /// A purchase is a customer and the day it was made; several on one day count as one.
    /// </summary>
    public static IReadOnlyList<HoldoutCustomer> Split(IEnumerable<(string CustomerId, DateOnly Day)> purchases, HoldoutWindow window)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(window);
        var histories = new Dictionary<string, PurchaseHistory>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (customerId, day) in purchases)
        {
            if (!histories.TryGetValue(customerId, out var history))
            {
                histories[customerId] = history = new PurchaseHistory();
                order.Add(customerId);
            }

            history.Add(day, 0m);
        }

        var customers = new List<HoldoutCustomer>(order.Count);
        foreach (var customerId in order)
        {
            if (Split(customerId, histories[customerId], window) is { } customer)
            {
                customers.Add(customer);
            }
        }

        return customers;
    }

    /// <summary>
    /// Fits each model on the customers' calibration triples, predicts each customer's holdout purchases
    /// E[Y(holdout length) | x, tₓ, T], and scores the predictions against the actual counts.
    /// </summary>
    /// <remarks>
    /// A model whose fit does not converge, or whose prediction is not finite for some customer, is listed
    /// in <see cref="HoldoutReport.Failures"/> with the reason; the others are still scored.
    /// </remarks>
    /// <exception cref="ArgumentException">There are no customers.</exception>
    /// <exception cref="InvalidOperationException">No model could be fitted and scored.</exception>
    public static HoldoutReport Report(
        IReadOnlyList<HoldoutCustomer> customers,
        HoldoutWindow window,
        IReadOnlyList<RepeatPurchaseModel>? models = null,
        int openBucket = DefaultOpenBucket)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfNegative(openBucket);
        models ??= RepeatPurchaseModel.All;
        if (customers.Count == 0)
        {
            throw new ArgumentException("no customer made a purchase on or before the calibration end", nameof(customers));
        }

        var histogram = RfmHistogram.From(customers.Select(c => c.Calibration));
        var horizon = window.HoldoutLength;
        var n = customers.Count;
        long actualTotal = customers.Sum(c => (long)c.HoldoutPurchases);

        var scores = new List<HoldoutModelScore>(models.Count);
        var failures = new List<HoldoutModelFailure>();
        var predictions = new List<double[]>(models.Count);
        foreach (var model in models)
        {
            if (Score(model, histogram, customers, horizon, out var predicted, out var failure) is { } score)
            {
                scores.Add(score);
                predictions.Add(predicted);
            }
            else
            {
                failures.Add(new HoldoutModelFailure(model.Name, failure));
            }
        }

        if (scores.Count == 0)
        {
            throw new InvalidOperationException(string.Join("; ", failures.Select(f => $"{f.Model}: {f.Reason}")));
        }

        var buckets = new List<HoldoutBucket>(openBucket + 1);
        for (var b = 0; b <= openBucket; b++)
        {
            long count = 0, actual = 0;
            var predictedSums = new double[scores.Count];
            for (var i = 0; i < n; i++)
            {
                if (Math.Min(customers[i].Calibration.Frequency, openBucket) != b)
                {
                    continue;
                }

                count++;
                actual += customers[i].HoldoutPurchases;
                for (var m = 0; m < scores.Count; m++)
                {
                    predictedSums[m] += predictions[m][i];
                }
            }

            if (count > 0)
            {
                buckets.Add(new HoldoutBucket(b, b == openBucket, count, (double)actual / count, [.. predictedSums.Select(s => s / count)]));
            }
        }

        return new HoldoutReport(window, n, actualTotal, openBucket, scores, buckets, failures);
    }

    /// <summary>Fits one model and scores its per-customer predictions; null, with the reason, when the fit or a prediction fails.</summary>
    private static HoldoutModelScore? Score(
        RepeatPurchaseModel model, RfmHistogram histogram, IReadOnlyList<HoldoutCustomer> customers, double horizon,
        out double[] predicted, out string failure)
    {
        var n = customers.Count;
        predicted = new double[n];
        failure = string.Empty;
        ModelFit fit;
        Func<double, RfmPoint, double> predict;
        try
        {
            fit = model.Fit(histogram);
            predict = model.Predictor(fit);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or ArithmeticException)
        {
            failure = ex.Message;
            return null;
        }

        // Customers with the same triple get the same prediction.
        var byTriple = new Dictionary<RfmPoint, double>();
        double absolute = 0, squared = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            var point = customers[i].Calibration;
            if (!byTriple.TryGetValue(point, out var expected))
            {
                try
                {
                    expected = predict(horizon, point);
                }
                catch (Exception ex) when (ex is ArgumentException or ArithmeticException or InvalidOperationException)
                {
                    failure = string.Create(CultureInfo.InvariantCulture, $"no prediction for (x, tₓ, T) = ({point.Frequency}, {point.Recency:0.##}, {point.T:0.##}): {ex.Message}");
                    return null;
                }

                if (!double.IsFinite(expected))
                {
                    failure = string.Create(CultureInfo.InvariantCulture, $"the prediction for (x, tₓ, T) = ({point.Frequency}, {point.Recency:0.##}, {point.T:0.##}) is not finite ({expected})");
                    return null;
                }

                byTriple[point] = expected;
            }

            predicted[i] = expected;
            var error = expected - customers[i].HoldoutPurchases;
            absolute += Math.Abs(error);
            squared += error * error;
            total += expected;
        }

        return new HoldoutModelScore(model.Name, fit, absolute / n, Math.Sqrt(squared / n), total);
    }

}
