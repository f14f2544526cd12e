namespace Pulse.Contracts.Segments;

/// <summary>A centre that moved more than the alert distance (standard deviations) within the drift window.</summary>
[GenerateSerializer, Immutable, Alias("pulse.SegmentDriftAlert")]
public sealed record SegmentDriftAlert(
    [property: Id(0)] int Segment,
    [property: Id(1)] double Moved,
    [property: Id(2)] int WindowBatches,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset At);
