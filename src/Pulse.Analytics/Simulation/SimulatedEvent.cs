namespace Pulse.Analytics.Simulation;

/// <summary>One synthetic interaction, in ingest's wire vocabulary (<see cref="EventVocabulary"/>).</summary>
/// <param name="EventId">Unique per simulator and across runs: the run id, then a sequence number.</param>
/// <param name="CustomerId">The customer who acted.</param>
/// <param name="Timestamp">Event time: the <c>now</c> given to <see cref="PopulationSimulator.Next"/>, a small share slightly earlier.</param>
/// <param name="Channel">Where it happened (<c>web</c>, <c>call-centre</c>, ...).</param>
/// <param name="Kind">What happened (<c>page-view</c>, <c>purchase</c>, ...).</param>
/// <param name="Amount">Major currency units with two decimals, above zero; only for purchases and refunds.</param>
/// <param name="Text">Transcript, chat line, email or review text; only for kinds where the customer speaks.</param>
/// <param name="CounterpartyId">Another customer, never the same one; only for referral, household and mention.</param>
public readonly record struct SimulatedEvent(
    string EventId,
    string CustomerId,
    DateTimeOffset Timestamp,
    string Channel,
    string Kind,
    decimal? Amount,
    string? Text,
    string? CounterpartyId);
