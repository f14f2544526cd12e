namespace Pulse.Contracts.Segments;

/// <summary>How the segmentation model is fed: batches applied and how often, per silo.</summary>
/// <param name="Version">Batches applied.</param>
/// <param name="Seeded">True once the centres exist.</param>
/// <param name="SamplePoints">Points in the model's reservoir.</param>
/// <param name="PointsApplied">Points in every batch applied since activation.</param>
/// <param name="FlushesPerSecondBySilo">Batches received per second over the last minute, by sending silo.</param>
[GenerateSerializer, Immutable, Alias("pulse.SegmentationStatus")]
public sealed record SegmentationStatus(
    [property: Id(0)] long Version,
    [property: Id(1)] bool Seeded,
    [property: Id(2)] int SamplePoints,
    [property: Id(3)] long PointsApplied,
    [property: Id(4)] IReadOnlyDictionary<string, double> FlushesPerSecondBySilo);
