namespace Pulse.Cli.Api;

/// <summary>How far a segment's centre moved, in standard deviations: in the last batch, over the drift window, since the reference.</summary>
internal sealed record SegmentMovement(double LastBatch, double OverWindow, double SinceReference);
