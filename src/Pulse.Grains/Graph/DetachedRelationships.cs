namespace Pulse.Grains.Graph;

/// <summary>What a shard did for a merge: whether it held any of the absorbed customers, and the relationships other shards now need.</summary>
[GenerateSerializer, Immutable, Alias("pulse.DetachedRelationships")]
public sealed record DetachedRelationships(
    [property: Id(0)] bool Changed,
    [property: Id(1)] IReadOnlyList<MovedRelationship> Moved);
