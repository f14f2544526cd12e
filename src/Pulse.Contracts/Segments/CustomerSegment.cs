namespace Pulse.Contracts.Segments;

/// <summary>The segment a customer is in now, and the move that brought them there.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Distance">Standardised distance to its centre.</param>
/// <param name="ModelVersion">The segmentation version the assignment used.</param>
/// <param name="Since">When the customer entered it.</param>
/// <param name="Previous">The segment before, if the customer moved (a segment move: an event rules can use).</param>
[GenerateSerializer, Immutable, Alias("pulse.CustomerSegment")]
public sealed record CustomerSegment(
    [property: Id(0)] int Segment,
    [property: Id(1)] double Distance,
    [property: Id(2)] long ModelVersion,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] int? Previous);
