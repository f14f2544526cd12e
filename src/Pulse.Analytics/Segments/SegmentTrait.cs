namespace Pulse.Analytics.Segments;

/// <summary>
/// A feature that sets a segment apart: how far its centre sits from the population mean, in standard
/// deviations (positive: above the mean).
/// </summary>
public sealed record SegmentTrait(string Feature, double Offset)
{
    /// <summary>True when the segment is above the mean on this feature.</summary>
    public bool IsHigh => Offset > 0;
}
