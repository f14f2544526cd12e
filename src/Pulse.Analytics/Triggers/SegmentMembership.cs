namespace Pulse.Analytics.Triggers;

/// <summary>Whether a <see cref="SegmentCondition"/> asks for membership or its absence.</summary>
public enum SegmentMembership
{
    In,
    NotIn,
}
