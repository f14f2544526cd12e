using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>A firing to store, with one delivery per webhook of its rule (none: kept for the history and the feed only).</summary>
public sealed record OutboxFiring(FiredTrigger Firing, IReadOnlyList<WebhookTarget> Webhooks);
