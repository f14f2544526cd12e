namespace Pulse.Contracts.Customers;

/// <summary>What Pulse knows of one customer at a moment.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="AsOf">The moment the decayed features and the RFM summary are taken at.</param>
/// <param name="FirstSeen">Event time of the earliest interaction applied.</param>
/// <param name="LastSeen">Event time of the latest interaction applied.</param>
/// <param name="InteractionCount">Interactions applied (each event id once).</param>
/// <param name="LastPosition">Highest interaction-log position applied.</param>
/// <param name="Features">Decayed counts and amounts, named <c>channel.web.count.7d</c>, <c>kind.purchase.amount.30d</c>.</param>
/// <param name="Rfm">The RFM summary as of <paramref name="AsOf"/>.</param>
/// <param name="Value">Lifetime-value scores as of <paramref name="AsOf"/>; null before a model is published or before a first purchase.</param>
/// <param name="Churn">Churn risk and its reasons as of <paramref name="AsOf"/>; null before a churn model is published.</param>
/// <param name="Sentiment">The tone of what the customer said; null before they said anything a model scored.</param>
/// <param name="Attributes">Static attributes from profile updates (a CRM import), latest value of each.</param>
/// <param name="Segment">The segment the customer is in now, and the move that brought them there; null before segments form.</param>
/// <param name="Network">Influence, community and neighbourhood in the relationship graph, as the graph last pushed them; null for a customer with no relationships.</param>
[GenerateSerializer, Immutable, Alias("pulse.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] DateTimeOffset FirstSeen,
    [property: Id(3)] DateTimeOffset LastSeen,
    [property: Id(4)] long InteractionCount,
    [property: Id(5)] long LastPosition,
    [property: Id(6)] IReadOnlyDictionary<string, double> Features,
    [property: Id(7)] RfmView Rfm,
    [property: Id(8)] CustomerValue? Value = null,
    [property: Id(9)] ChurnRisk? Churn = null,
    [property: Id(10)] CustomerSentiment? Sentiment = null,
    [property: Id(11)] IReadOnlyDictionary<string, string>? Attributes = null,
    [property: Id(12)] Segments.CustomerSegment? Segment = null,
    [property: Id(13)] Graph.CustomerNetwork? Network = null);
