namespace Pulse.Contracts.Triggers;

/// <summary>One delivery of a firing to one webhook.</summary>
/// <param name="State"><c>pending</c>, <c>delivered</c> or <c>dead-lettered</c>.</param>
[GenerateSerializer, Immutable, Alias("pulse.TriggerDeliveryView")]
public sealed record TriggerDeliveryView(
    [property: Id(0)] long DeliveryId,
    [property: Id(1)] string Url,
    [property: Id(2)] string State,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset? NextAttemptAt,
    [property: Id(5)] DateTimeOffset? DeliveredAt,
    [property: Id(6)] string? LastError);
