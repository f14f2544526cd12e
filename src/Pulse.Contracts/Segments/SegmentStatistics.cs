namespace Pulse.Contracts.Segments;

/// <summary>
/// A segment's live means over the scores its members contributed lately (exponentially decayed in
/// time, half-life an hour by default); null where no member had that score.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.SegmentStatistics")]
public sealed record SegmentStatistics(
    [property: Id(0)] int Segment,
    [property: Id(1)] double Contributions,
    [property: Id(2)] double? MeanLifetimeValue,
    [property: Id(3)] double? MeanChurnRisk,
    [property: Id(4)] double? MeanSentiment,
    [property: Id(5)] DateTimeOffset? UpdatedAt);
