using System.Globalization;

namespace Pulse.Analytics.Clv;

/// <summary>
/// The customers with <paramref name="Frequency"/> repeat purchases in the calibration period (or that
/// many and more, when <paramref name="AndMore"/>): how many there are, their mean holdout purchases,
/// and each model's mean prediction for them (in the order of <see cref="HoldoutReport.Models"/>).
/// </summary>
public sealed record HoldoutBucket(int Frequency, bool AndMore, long Customers, double MeanActual, IReadOnlyList<double> MeanPredicted)
{
    /// <summary><c>3</c>, or <c>7+</c> for the open last bucket.</summary>
    public string Label => Frequency.ToString(CultureInfo.InvariantCulture) + (AndMore ? "+" : string.Empty);
}
