namespace Pulse.Cli.Api;

/// <summary><c>GET /api/v1/segments/status</c>: how the segmentation model is fed, with mini-batches per second from each silo.</summary>
internal sealed record SegmentationStatus(
    long Version,
    bool Seeded,
    int SamplePoints,
    long PointsApplied,
    IReadOnlyDictionary<string, double>? FlushesPerSecondBySilo);
