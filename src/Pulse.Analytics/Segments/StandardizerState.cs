namespace Pulse.Analytics.Segments;

/// <summary>
/// A <see cref="RunningStandardizer"/> as plain values, for persistence and for shipping per-silo
/// statistics: the total weight of the points seen, and per feature their mean and the sum of squared
/// deviations from it (M2; the variance is M2 / weight).
/// </summary>
public sealed record StandardizerState(double Weight, double[] Mean, double[] SquaredDeviations);
