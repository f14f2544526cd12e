namespace Pulse.Contracts.Segments;

/// <summary>How far each centre moved (standard deviations): in the last batch, over the window, since the reference; and the alerts raised.</summary>
[GenerateSerializer, Immutable, Alias("pulse.SegmentationDrift")]
public sealed record SegmentationDrift(
    [property: Id(0)] long Version,
    [property: Id(1)] double[] LastBatch,
    [property: Id(2)] int WindowBatches,
    [property: Id(3)] double[] OverWindow,
    [property: Id(4)] long ReferenceVersion,
    [property: Id(5)] double[] SinceReference,
    [property: Id(6)] IReadOnlyList<SegmentDriftAlert> Alerts);
