namespace Pulse.Analytics.Segments;

/// <summary>
/// A <see cref="MiniBatch"/> as plain values, for shipping from a pre-aggregator to the segmentation
/// grain. <see cref="Mean"/>, <see cref="Scale"/> and <see cref="Centres"/> are the published model
/// version the points were assigned against; <see cref="Sums"/> (k × d, row-major, standardized with
/// that version's mean and scale) and <see cref="Counts"/> are per centre; <see cref="Raw"/> holds the
/// raw-unit statistics for the standardizer; <see cref="SampleRows"/> is the sample of raw points
/// (row-major) taken from <see cref="SampleSeen"/> points.
/// </summary>
public sealed record MiniBatchState(
    long Version,
    double[] Mean,
    double[] Scale,
    double[] Centres,
    double[] Sums,
    long[] Counts,
    long Points,
    double Inertia,
    StandardizerState Raw,
    int SampleCapacity,
    double SampleSeen,
    double[] SampleRows);
