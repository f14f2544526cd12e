namespace Pulse.Cli.Api;

/// <summary>
/// A customer's place in the relationship graph, as <c>GET /api/v1/customers/{id}/network</c> returns it and as
/// the profile carries it (<c>network</c>). The analysis figures are null until the graph has computed them.
/// </summary>
internal sealed record CustomerNetwork(
    string CustomerId,
    double Influence,
    double RelativeInfluence,
    double? InfluencePercentile,
    int Degree,
    double WeightedDegree,
    int? CoreNumber,
    string? CommunityId,
    int? CommunitySize,
    double? NetworkValue,
    double? ChurnContagion,
    IReadOnlyList<NetworkNeighbour>? TopNeighbours,
    DateTimeOffset AsOf);
