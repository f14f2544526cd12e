using Pulse.Contracts.Triggers;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>An outbox that passes everything on and records the failures the dispatcher reports (with the attempt they ended).</summary>
internal sealed class RecordingOutbox(ITriggerOutbox inner) : ITriggerOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (string Key, int Attempt)> _claims = [];
    private readonly List<(long DeliveryId, string Key, int Attempt, DateTimeOffset Now, DateTimeOffset? RetryAt)> _failures = [];

    public IReadOnlyList<(long DeliveryId, string Key, int Attempt, DateTimeOffset Now, DateTimeOffset? RetryAt)> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    public Task<IReadOnlyList<FiredTrigger>> AppendAsync(IReadOnlyList<OutboxFiring> firings, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(firings, now, cancellationToken);

    public async Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var due = await inner.ClaimDueAsync(now, max, lease, cancellationToken);
        lock (_gate)
        {
            foreach (var delivery in due)
            {
                _claims[delivery.DeliveryId] = (delivery.Firing.IdempotencyKey, delivery.Attempt);
            }
        }

        return due;
    }

    public Task MarkDeliveredAsync(long deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.MarkDeliveredAsync(deliveryId, at, cancellationToken);

    public Task MarkFailedAsync(long deliveryId, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var (key, attempt) = _claims[deliveryId];
            _failures.Add((deliveryId, key, attempt, now, retryAt));
        }

        return inner.MarkFailedAsync(deliveryId, error, retryAt, now, cancellationToken);
    }

    public Task<IReadOnlyList<TriggerFeedItem>> GetFeedAsync(FeedCursor after, int limit, CancellationToken cancellationToken = default) =>
        inner.GetFeedAsync(after, limit, cancellationToken);

    public Task<FeedCursor> GetFeedHeadAsync(CancellationToken cancellationToken = default) =>
        inner.GetFeedHeadAsync(cancellationToken);


    public Task<IReadOnlyList<FiringRecord>> GetRuleFiringsAsync(string ruleId, int limit, DateTimeOffset? before = null, CancellationToken cancellationToken = default) =>
        inner.GetRuleFiringsAsync(ruleId, limit, before, cancellationToken);

    public Task<IReadOnlyList<FiringRecord>> GetCustomerFiringsAsync(string customerId, int limit, CancellationToken cancellationToken = default) =>
        inner.GetCustomerFiringsAsync(customerId, limit, cancellationToken);

    public Task<IReadOnlyList<FiringRecord>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) =>
        inner.GetDeadLettersAsync(limit, cancellationToken);

    public Task<bool> ReplayAsync(long deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ReplayAsync(deliveryId, now, cancellationToken);
}
