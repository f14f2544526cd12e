namespace Pulse.Analytics.Rfm;

/// <summary>
/// The recency-frequency-monetary summary as the <c>lifetimes</c> library defines it
/// (<c>summary_data_from_transaction_data</c>), at day granularity.
/// </summary>
/// <param name="Frequency">Repeat purchase periods: distinct purchase days minus one.</param>
/// <param name="RecencyDays">Days from the first to the last purchase day (0 when frequency is 0).</param>
/// <param name="AgeDays">T: days from the first purchase day to the observation day.</param>
/// <param name="MonetaryValue">Mean value of the repeat purchase days (same-day purchases summed, first day excluded); 0 when frequency is 0.</param>
/// <param name="FirstPurchaseDay">The first purchase day, or null for a customer who never bought.</param>
public readonly record struct RfmSummary(
    int Frequency,
    double RecencyDays,
    double AgeDays,
    decimal MonetaryValue,
    DateOnly? FirstPurchaseDay)
{
    /// <summary>A customer with no purchase on or before the observation day.</summary>
    public static RfmSummary None => new(0, 0, 0, 0m, null);

    /// <summary>The same summary with recency and T expressed in periods of <paramref name="daysPerPeriod"/> days (7 for weeks).</summary>
    public (int Frequency, double Recency, double T, decimal MonetaryValue) InPeriods(double daysPerPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(daysPerPeriod);
        return (Frequency, RecencyDays / daysPerPeriod, AgeDays / daysPerPeriod, MonetaryValue);
    }
}
