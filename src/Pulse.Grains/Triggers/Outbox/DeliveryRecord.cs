namespace Pulse.Grains.Triggers.Outbox;

/// <summary>One delivery of a firing to one webhook, as the outbox holds it.</summary>
public sealed record DeliveryRecord(
    long DeliveryId,
    string Url,
    DeliveryState State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError);
