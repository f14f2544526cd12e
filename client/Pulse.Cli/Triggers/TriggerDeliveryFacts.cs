namespace Pulse.Cli.Triggers;

/// <summary>One delivery of a firing to one webhook.</summary>
internal sealed record TriggerDeliveryFacts(long DeliveryId, string Url, string State, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);
