namespace Pulse.Contracts.Triggers;

/// <summary>
/// A rule fired for a customer: what webhooks receive, what the live feed shows and the history keeps.
/// </summary>
/// <param name="IdempotencyKey">The same for the same firing however often it is delivered or re-created; receivers deduplicate on it.</param>
/// <param name="Sequence">The rule's firing number for this customer.</param>
/// <param name="Category"><c>marketing</c> or <c>service</c>.</param>
/// <param name="Why">The reasons in one sentence.</param>
/// <param name="EventId">The interaction whose arrival caused the evaluation; null for a timer (inactivity, a held rule due) or a re-score.</param>
/// <param name="EventKind">Its kind's wire name.</param>
[GenerateSerializer, Immutable, Alias("pulse.FiredTrigger")]
public sealed record FiredTrigger(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string RuleId,
    [property: Id(2)] long RuleVersion,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] DateTimeOffset FiredAt,
    [property: Id(5)] long Sequence,
    [property: Id(6)] string Category,
    [property: Id(7)] int Priority,
    [property: Id(8)] string Why,
    [property: Id(9)] IReadOnlyList<FiredTriggerReason> Reasons,
    [property: Id(10)] string? EventId,
    [property: Id(11)] string? EventKind);
