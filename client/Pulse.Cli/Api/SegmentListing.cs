namespace Pulse.Cli.Api;

/// <summary><c>GET /api/v1/segments</c>: the model's version and features, every segment, and recent drift alerts.</summary>
internal sealed record SegmentListing(
    long ModelVersion,
    bool Seeded,
    IReadOnlyList<string>? Features,
    int WindowBatches,
    IReadOnlyList<SegmentView>? Segments,
    IReadOnlyList<SegmentDriftAlert>? Alerts);
