namespace Pulse.Cli.Api;

/// <summary>One relationship of a customer, seen from that customer: the other end, its kind and direction (out, in, mutual), weight, and what is known of the other customer.</summary>
internal sealed record NetworkNeighbour(
    string CustomerId,
    string Relationship,
    string Direction,
    double Weight,
    double? RelativeInfluence,
    double? LifetimeValue,
    double? ChurnProbability);
