using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>A stored firing and its deliveries.</summary>
public sealed record FiringRecord(FiredTrigger Firing, IReadOnlyList<DeliveryRecord> Deliveries);
