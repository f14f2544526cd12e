namespace Pulse.Analytics.Clv;

/// <summary>
/// A calibration/holdout comparison: the customers counted, their actual holdout purchases, each
/// model's score, and the table behind the BG/NBD paper's conditional-expectation plot (mean holdout
/// purchases, actual and predicted, per calibration frequency 0, 1, ..., <see cref="OpenBucket"/>+).
/// Buckets without customers are left out. A model that could not be fitted or predict is listed in
/// <see cref="Failures"/> instead of <see cref="Models"/>.
/// </summary>
public sealed record HoldoutReport(
    HoldoutWindow Window,
    long Customers,
    long ActualTotal,
    int OpenBucket,
    IReadOnlyList<HoldoutModelScore> Models,
    IReadOnlyList<HoldoutBucket> Buckets,
    IReadOnlyList<HoldoutModelFailure> Failures)
{
    /// <summary>Mean actual holdout purchases per customer.</summary>
    public double MeanActual => Customers == 0 ? 0 : (double)ActualTotal / Customers;
}
