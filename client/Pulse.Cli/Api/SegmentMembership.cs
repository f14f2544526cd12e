namespace Pulse.Cli.Api;

/// <summary>A customer in a segment: how near its centre, since when, and which model version placed them.</summary>
internal sealed record SegmentMembership(
    string CustomerId,
    int Segment,
    double Distance,
    long ModelVersion,
    DateTimeOffset Since,
    DateTimeOffset AssignedAt);
