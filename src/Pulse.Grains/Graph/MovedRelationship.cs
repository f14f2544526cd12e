using Pulse.Analytics.Graph;

namespace Pulse.Grains.Graph;

/// <summary>
/// A relationship of a customer merged into another, re-pointed at the survivor, for a shard that held no
/// copy of it before: its weight at <paramref name="Ticks"/> (decay is multiplicative, so moving the weight
/// as of one instant moves the whole decayed sum). <paramref name="Shard"/> is the shard it is for.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.MovedRelationship")]
public sealed record MovedRelationship(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] RelationshipKind Kind,
    [property: Id(3)] double Weight,
    [property: Id(4)] long Ticks,
    [property: Id(5)] int Shard);
