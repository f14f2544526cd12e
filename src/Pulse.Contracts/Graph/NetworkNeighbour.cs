namespace Pulse.Contracts.Graph;

/// <summary>One relationship of a customer, seen from that customer.</summary>
/// <param name="CustomerId">The other customer.</param>
/// <param name="Relationship">referral, household, mention, call-transfer or other.</param>
/// <param name="Direction"><c>out</c> (from this customer: they referred or mentioned the other), <c>in</c>, or <c>mutual</c> (a household).</param>
/// <param name="Weight">Events on the relationship, each decayed by its age (half-life 90 days by default).</param>
/// <param name="RelativeInfluence">The other customer's influence relative to an average customer; null while not known here.</param>
/// <param name="LifetimeValue">The other customer's lifetime value, as last reported; null while unknown.</param>
/// <param name="ChurnProbability">The other customer's churn risk, as last reported; null while unknown.</param>
[GenerateSerializer, Immutable, Alias("pulse.NetworkNeighbour")]
public sealed record NetworkNeighbour(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Relationship,
    [property: Id(2)] string Direction,
    [property: Id(3)] double Weight,
    [property: Id(4)] double? RelativeInfluence,
    [property: Id(5)] double? LifetimeValue,
    [property: Id(6)] double? ChurnProbability);
