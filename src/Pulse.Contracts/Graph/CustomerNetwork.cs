namespace Pulse.Contracts.Graph;

/// <summary>A customer's place in the relationship graph: how influential they are, who is around them, what that circle is worth and how likely it is to leave.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Influence">Weighted PageRank (damping 0.85, dangling rank spread uniformly as NetworkX does): sums to 1 over every customer in the graph.</param>
/// <param name="RelativeInfluence">Influence times the number of customers in the graph: 1 is an average customer, 10 ten times as influential.</param>
/// <param name="InfluencePercentile">Share of the graph's customers (0–100) less influential than this one; null until the graph's distribution is known.</param>
/// <param name="Degree">Relationships at the customer, either way and of any kind (a household once).</param>
/// <param name="WeightedDegree">Their total weight, decayed to <paramref name="AsOf"/>.</param>
/// <param name="CoreNumber">The largest k such that the customer is in the graph's k-core (every member with at least k neighbours inside it); null before the first analysis.</param>
/// <param name="CommunityId">The community (Louvain) the customer belongs to, named after its most influential member; null before the first analysis.</param>
/// <param name="CommunitySize">Members of that community.</param>
/// <param name="NetworkValue">The lifetime value the customer's relationships lead to, weighted by how influential the people at the other end are; null while no neighbour has a known value.</param>
/// <param name="ChurnContagion">Share (0–1) of the customer's weighted neighbourhood whose churn risk is high; null while no neighbour's risk is known.</param>
/// <param name="TopNeighbours">The strongest relationships, strongest first.</param>
/// <param name="AsOf">When these were computed.</param>
[GenerateSerializer, Immutable, Alias("pulse.CustomerNetwork")]
public sealed record CustomerNetwork(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] double Influence,
    [property: Id(2)] double RelativeInfluence,
    [property: Id(3)] double? InfluencePercentile,
    [property: Id(4)] int Degree,
    [property: Id(5)] double WeightedDegree,
    [property: Id(6)] int? CoreNumber,
    [property: Id(7)] string? CommunityId,
    [property: Id(8)] int? CommunitySize,
    [property: Id(9)] double? NetworkValue,
    [property: Id(10)] double? ChurnContagion,
    [property: Id(11)] IReadOnlyList<NetworkNeighbour> TopNeighbours,
    [property: Id(12)] DateTimeOffset AsOf);
