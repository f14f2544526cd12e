namespace Pulse.Analytics.Clv;

/// <summary>
/// A calibration period and the holdout period after it, at day granularity: purchases on or before
/// <paramref name="CalibrationEnd"/> are calibration, those after it up to and including
/// <paramref name="ObservationEnd"/> are holdout. Durations are counted in periods of
/// <paramref name="PeriodDays"/> days (7 for weeks, as the BG/NBD paper uses).
/// </summary>
public sealed record HoldoutWindow
{
    public HoldoutWindow(DateOnly calibrationEnd, DateOnly observationEnd, double periodDays = 7)
    {
        if (observationEnd <= calibrationEnd)
        {
            throw new ArgumentException($"the observation end ({observationEnd:yyyy-MM-dd}) must be after the calibration end ({calibrationEnd:yyyy-MM-dd})", nameof(observationEnd));
        }

        if (!(periodDays > 0) || double.IsInfinity(periodDays))
        {
            throw new ArgumentOutOfRangeException(nameof(periodDays), periodDays, "a period must be a positive number of days");
        }

        CalibrationEnd = calibrationEnd;
        ObservationEnd = observationEnd;
        PeriodDays = periodDays;
    }

    /// <summary>The last day of the calibration period (inclusive).</summary>
    public DateOnly CalibrationEnd { get; }

    /// <summary>The last day of the holdout period (inclusive).</summary>
    public DateOnly ObservationEnd { get; }

    public double PeriodDays { get; }

    /// <summary>The first day of the holdout period.</summary>
    public DateOnly HoldoutStart => CalibrationEnd.AddDays(1);

    /// <summary>The holdout's length in periods: days after the calibration end up to the observation end, over <see cref="PeriodDays"/>.</summary>
    public double HoldoutLength => (ObservationEnd.DayNumber - CalibrationEnd.DayNumber) / PeriodDays;
}
