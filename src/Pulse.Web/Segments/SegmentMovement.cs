namespace Pulse.Web.Segments;

/// <summary>How far a centre moved, in standard deviations.</summary>
public sealed record SegmentMovement(double LastBatch, double OverWindow, double SinceReference);
