using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>A delivery claimed for sending: nobody else claims it until its lease runs out.</summary>
/// <param name="Attempt">This attempt's number (1 for the first).</param>
public sealed record DueDelivery(long DeliveryId, FiredTrigger Firing, WebhookTarget Target, int Attempt);
