namespace Pulse.Contracts.Triggers;

/// <summary>A firing with where its deliveries stand.</summary>
[GenerateSerializer, Immutable, Alias("pulse.TriggerFiringView")]
public sealed record TriggerFiringView(
    [property: Id(0)] FiredTrigger Firing,
    [property: Id(1)] IReadOnlyList<TriggerDeliveryView> Deliveries);
