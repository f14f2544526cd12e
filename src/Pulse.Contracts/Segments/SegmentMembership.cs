namespace Pulse.Contracts.Segments;

/// <summary>A customer's place in the segmentation: the segment whose centre is nearest, and how near.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Segment">The segment (centre index, stable across model versions); <see cref="NoSegment"/> for a customer that left every segment (merged into another).</param>
/// <param name="Distance">Standardised distance to the centre.</param>
/// <param name="ModelVersion">The segmentation version the assignment used.</param>
/// <param name="Since">When the customer entered the segment.</param>
/// <param name="AssignedAt">When this assignment was made: the latest wins where two silos write one customer.</param>
[GenerateSerializer, Immutable, Alias("pulse.SegmentMembership")]
public sealed record SegmentMembership(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] int Segment,
    [property: Id(2)] double Distance,
    [property: Id(3)] long ModelVersion,
    [property: Id(4)] DateTimeOffset Since,
    [property: Id(5)] DateTimeOffset AssignedAt)
{
    /// <summary>The segment of a customer in none: kept as a row so a late placement from another silo cannot bring it back.</summary>
    public const int NoSegment = -1;
}
