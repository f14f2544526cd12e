namespace Pulse.Contracts.Interactions;

/// <summary>One thing a customer did, as accepted by ingest.</summary>
/// <param name="EventId">The sender's idempotency key: the same id is applied once.</param>
/// <param name="CustomerId">The customer it concerns.</param>
/// <param name="Timestamp">When it happened (event time, UTC).</param>
/// <param name="Channel">Where it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Amount">Money in major currency units (29.95), for purchases and refunds; always non-negative.</param>
/// <param name="Text">What the customer said or wrote: a transcript, chat line or email.</param>
/// <param name="CounterpartyId">Another customer it links to: the referred friend, a household member, a mention.</param>
/// <param name="Properties">A small bag of extra string attributes.</param>
/// <param name="Position">Where the interaction log put it; 0 until logged.</param>
/// <param name="Identities">Identifiers of the customer the sender gave with it (email and phone as keyed hashes); null when none.</param>
/// <param name="Sentiment">The tone of <paramref name="Text"/> on [-1, 1], as the customer's sentiment model scored it; null without text or model.</param>
[GenerateSerializer, Immutable, Alias("pulse.Interaction")]
public sealed record Interaction(
    [property: Id(0)] string EventId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] Channel Channel,
    [property: Id(4)] InteractionKind Kind,
    [property: Id(5)] decimal? Amount = null,
    [property: Id(6)] string? Text = null,
    [property: Id(7)] string? CounterpartyId = null,
    [property: Id(8)] IReadOnlyDictionary<string, string>? Properties = null,
    [property: Id(9)] long Position = 0,
    [property: Id(10)] double? Sentiment = null,
    [property: Id(11)] IReadOnlyList<InteractionIdentity>? Identities = null);
