namespace Pulse.Contracts.Segments;

/// <summary>
/// One silo's mini-batch since its last flush, as plain values: the model version its points were
/// standardised and assigned with (its mean, scale and centres); per centre the count and the sum of
/// the standardised points; the transformed points' running moments (for the standardisation); and a
/// few sampled points for the model's reservoir.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.SegmentContribution")]
public sealed record SegmentContribution(
    [property: Id(0)] long Version,
    [property: Id(1)] double[] Mean,
    [property: Id(2)] double[] Scale,
    [property: Id(3)] double[] Centres,
    [property: Id(4)] double[] Sums,
    [property: Id(5)] long[] Counts,
    [property: Id(6)] long Points,
    [property: Id(7)] double Inertia,
    [property: Id(8)] double MomentWeight,
    [property: Id(9)] double[] MomentMean,
    [property: Id(10)] double[] MomentSquaredDeviations,
    [property: Id(11)] int SampleCapacity,
    [property: Id(12)] double SampleSeen,
    [property: Id(13)] double[] SampleRows);
