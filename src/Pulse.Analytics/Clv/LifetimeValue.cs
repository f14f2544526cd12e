namespace Pulse.Analytics.Clv;

/// <summary>
/// Discounted customer lifetime value as <c>lifetimes</c>' <c>customer_lifetime_value</c> defines it:
/// for each month m = 1..H, the purchases expected in that month (the difference of the cumulative
/// conditional expectation at m and m−1 months) times the expected spend per purchase, discounted by
/// (1 + d)^m for a monthly rate d.
/// </summary>
public static class LifetimeValue
{
    /// <summary>Periods per month for weekly periods, as <c>lifetimes</c> uses (<c>freq="W"</c>: 4.345).</summary>
    public const double WeeksPerMonth = 4.345;

    private const int MonthsPerBatch = 12;

    public static double Discounted(
        BgNbdModel purchases, GammaGammaModel spend, RfmPoint customer, double meanSpend,
        int months, double monthlyDiscountRate, double periodsPerMonth = WeeksPerMonth)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(monthlyDiscountRate, -1);
        var perPurchase = spend.ExpectedSpend(customer.Frequency, meanSpend);

        // The cumulative expectations month by month, a year's worth at a time: the months share the
        // customer's terms and the parameters of their ₂F₁ series.
        Span<double> horizons = stackalloc double[MonthsPerBatch];
        Span<double> cumulative = stackalloc double[MonthsPerBatch];
        double value = 0, previous = 0, discount = 1;
        for (var first = 1; first <= months; first += MonthsPerBatch)
        {
            var count = Math.Min(MonthsPerBatch, months - first + 1);
            for (var i = 0; i < count; i++)
            {
                horizons[i] = (first + i) * periodsPerMonth;
            }

            purchases.ExpectedPurchases(horizons[..count], customer, cumulative);
            for (var i = 0; i < count; i++)
            {
                discount /= 1 + monthlyDiscountRate;
                value += perPurchase * (cumulative[i] - previous) * discount;
                previous = cumulative[i];
            }
        }

        return value;
    }

    /// <summary>
    /// The lifetime value with a 95 % interval by the delta method: the value's gradient in the seven
    /// parameters (central differences) against their covariance, the purchase-count and spend fits
    /// taken as independent (they are fitted separately, on different likelihoods). The interval is
    /// value ± 1.96 standard errors, cut at zero. It reflects parameter uncertainty only, not the
    /// randomness of the customer's own future purchases.
    /// </summary>
    public static LifetimeValueEstimate WithInterval(
        ModelFit purchasesFit, ModelFit spendFit, RfmPoint customer, double meanSpend,
        int months, double monthlyDiscountRate, double periodsPerMonth = WeeksPerMonth)
    {
        ArgumentNullException.ThrowIfNull(purchasesFit);
        ArgumentNullException.ThrowIfNull(spendFit);
        var theta = purchasesFit.Parameters.Concat(spendFit.Parameters).ToArray();
        double Value(double[] t) => Discounted(new BgNbdModel(t[0], t[1], t[2], t[3]), new GammaGammaModel(t[4], t[5], t[6]), customer, meanSpend, months, monthlyDiscountRate, periodsPerMonth);

        var value = Value(theta);
        var gradient = new double[theta.Length];
        var shifted = (double[])theta.Clone();
        for (var i = 0; i < theta.Length; i++)
        {
            var h = 1e-6 * Math.Max(Math.Abs(theta[i]), 1e-3);
            shifted[i] = theta[i] + h;
            var up = Value(shifted);
            shifted[i] = theta[i] - h;
            var down = Value(shifted);
            shifted[i] = theta[i];
            gradient[i] = (up - down) / (2 * h);
        }

        var variance = QuadraticForm(gradient.AsSpan(0, 4), purchasesFit.Covariance) + QuadraticForm(gradient.AsSpan(4, 3), spendFit.Covariance);
        var half = 1.959963984540054 * Math.Sqrt(Math.Max(0, variance));
        return double.IsFinite(half)
            ? new LifetimeValueEstimate(value, Math.Max(0, value - half), value + half)
            : new LifetimeValueEstimate(value, double.NaN, double.NaN);
    }

    private static double QuadraticForm(ReadOnlySpan<double> g, double[,] covariance)
    {
        double sum = 0;
        for (var i = 0; i < g.Length; i++)
        {
            for (var j = 0; j < g.Length; j++)
            {
                sum += g[i] * covariance[i, j] * g[j];
            }
        }

        return sum;
    }
}
