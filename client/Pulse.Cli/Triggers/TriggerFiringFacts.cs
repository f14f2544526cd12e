namespace Pulse.Cli.Triggers;

/// <summary>What the CLI shows of a firing.</summary>
internal sealed record TriggerFiringFacts(
    string IdempotencyKey,
    string RuleId,
    long RuleVersion,
    string CustomerId,
    DateTimeOffset FiredAt,
    long Sequence,
    string Category,
    string Why,
    string? EventId,
    string? EventKind);
