namespace Pulse.Cli.Api;

/// <summary>A customer as <c>GET /api/v1/customers/{id}</c> returns it.</summary>
internal sealed record CustomerProfile(
    string CustomerId,
    DateTimeOffset? AsOf,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    long InteractionCount,
    long LastPosition,
    IReadOnlyDictionary<string, double>? Features,
    CustomerRfm? Rfm,
    CustomerValue? Value = null,
    ChurnRisk? Churn = null,
    CustomerSentiment? Sentiment = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    CustomerSegment? Segment = null,
    CustomerNetwork? Network = null);
