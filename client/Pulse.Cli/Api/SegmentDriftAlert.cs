namespace Pulse.Cli.Api;

/// <summary>A centre that moved more than the alert distance (standard deviations) within the drift window.</summary>
internal sealed record SegmentDriftAlert(int Segment, double Moved, int WindowBatches, long Version, DateTimeOffset At);
