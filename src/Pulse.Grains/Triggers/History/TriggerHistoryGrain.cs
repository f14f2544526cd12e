using Orleans.Concurrency;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Triggers.Delivery;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Triggers.History;

/// <summary>The outbox as the API reads it; any silo answers (the outbox is shared in a cluster).</summary>
[StatelessWorker]
public sealed class TriggerHistoryGrain(ITriggerOutbox outbox, WebhookDispatcher webhooks, TimeProvider time) : Grain, ITriggerHistoryGrain
{
    public async Task<IReadOnlyList<TriggerFiringView>> GetRuleFiringsAsync(string ruleId, int limit, DateTimeOffset? before) =>
        View(await outbox.GetRuleFiringsAsync(ruleId, limit, before));

    public async Task<IReadOnlyList<TriggerFiringView>> GetCustomerFiringsAsync(string customerId, int limit) =>
        View(await outbox.GetCustomerFiringsAsync(customerId, limit));

    public async Task<IReadOnlyList<TriggerFiringView>> GetDeadLettersAsync(int limit) =>
        View(await outbox.GetDeadLettersAsync(limit));

    public async Task<bool> ReplayAsync(long deliveryId)
    {
        var replayed = await outbox.ReplayAsync(deliveryId, time.GetUtcNow());
        if (replayed)
        {
            webhooks.Wake();
        }

        return replayed;
    }

    private static TriggerFiringView[] View(IReadOnlyList<FiringRecord> records) =>
        [.. records.Select(r => new TriggerFiringView(r.Firing, [.. r.Deliveries.Select(View)]))];

    private static TriggerDeliveryView View(DeliveryRecord d) => new(
        d.DeliveryId,
        d.Url,
        d.State switch
        {
            DeliveryState.Delivered => "delivered",
            DeliveryState.DeadLettered => "dead-lettered",
            _ => "pending",
        },
        d.Attempts,
        d.NextAttemptAt,
        d.DeliveredAt,
        d.LastError);
}
