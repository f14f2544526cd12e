namespace Pulse.Cli.Triggers;

/// <summary>A firing and its deliveries, as <c>GET /api/v1/triggers/{id}/firings</c> gives them.</summary>
internal sealed record TriggerFiringItem(TriggerFiringFacts Firing, IReadOnlyList<TriggerDeliveryFacts> Deliveries);
