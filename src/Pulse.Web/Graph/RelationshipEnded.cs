namespace Pulse.Web.Graph;

/// <summary>The answer to <c>DELETE /api/v1/customers/{id}/relationships/{counterpartyId}</c>: the <c>relationship-end</c> interaction it logged.</summary>
/// <param name="EventId">The interaction's event id (see <see cref="RelationshipEventIds"/>).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CounterpartyId">The other customer.</param>
/// <param name="Relationship">The kind ended; null for every kind between the two.</param>
/// <param name="Duplicate">True when the log already held this event id (a retry within the same second): nothing new was logged.</param>
public sealed record RelationshipEnded(string EventId, string CustomerId, string CounterpartyId, string? Relationship, bool Duplicate);
