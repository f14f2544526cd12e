namespace Pulse.Contracts.Segments;

/// <summary>
/// What one silo saw of a segment's members since its last flush: how many contributed, and the sums
/// of their lifetime value, churn risk and sentiment (each with its own count: not every customer has
/// every score).
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.SegmentScores")]
public sealed record SegmentScores(
    [property: Id(0)] long Contributions,
    [property: Id(1)] double LifetimeValueSum,
    [property: Id(2)] long LifetimeValueCount,
    [property: Id(3)] double ChurnRiskSum,
    [property: Id(4)] long ChurnRiskCount,
    [property: Id(5)] double SentimentSum,
    [property: Id(6)] long SentimentCount);
