namespace Pulse.Contracts.Graph;

/// <summary>One of the graph's most influential customers.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Influence">PageRank, summing to 1 over the graph.</param>
/// <param name="RelativeInfluence">Influence relative to an average customer.</param>
/// <param name="Degree">Relationships at the customer.</param>
/// <param name="CommunityId">The customer's community; null before the first analysis.</param>
[GenerateSerializer, Immutable, Alias("pulse.Influencer")]
public sealed record Influencer(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] double Influence,
    [property: Id(2)] double RelativeInfluence,
    [property: Id(3)] int Degree,
    [property: Id(4)] string? CommunityId);
