using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>
/// The local profile's outbox: firings and deliveries in this process, behind one lock, lost with the process
/// (the same contract as <see cref="PostgresTriggerOutbox"/>, so the local profile behaves like a cluster).
/// </summary>
public sealed class InMemoryTriggerOutbox : ITriggerOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredFiring> _firings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredFiring>> _byRule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredFiring>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Delivery> _deliveries = [];
    private readonly Dictionary<long, Delivery> _pending = [];

    // The feed: firings in the order stored; position n (1-based) is the cursor (0, n).
    private readonly List<FiredTrigger> _feed = [];
    private long _lastDeliveryId;

    public Task<IReadOnlyList<FiredTrigger>> AppendAsync(IReadOnlyList<OutboxFiring> firings, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firings);
        var added = new List<FiredTrigger>();
        lock (_gate)
        {
            foreach (var (firing, webhooks) in firings)
            {
                if (_firings.ContainsKey(firing.IdempotencyKey))
                {
                    continue;
                }

                var stored = new StoredFiring(firing);
                foreach (var target in webhooks)
                {
                    var delivery = new Delivery(++_lastDeliveryId, stored, target) { NextAttemptAt = now };
                    stored.Deliveries.Add(delivery);
                    _deliveries.Add(delivery.Id, delivery);
                    _pending.Add(delivery.Id, delivery);
                }

                _firings.Add(firing.IdempotencyKey, stored);
                _feed.Add(firing);
                ListOf(_byRule, firing.RuleId).Add(stored);
                ListOf(_byCustomer, firing.CustomerId).Add(stored);
                added.Add(firing);
            }
        }

        return Task.FromResult<IReadOnlyList<FiredTrigger>>(added);
    }

    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_gate)
        {
            var claimed = _pending.Values
                .Where(d => d.NextAttemptAt <= now && !(d.LeasedUntil > now))
                .OrderBy(d => d.NextAttemptAt)
                .ThenBy(d => d.Id)
                .Take(max)
                .ToList();
            var due = new List<DueDelivery>(claimed.Count);
            foreach (var delivery in claimed)
            {
                // The attempt counts when claimed: a silo that dies mid-send has spent it.
                delivery.Attempts++;
                delivery.LeasedUntil = now + lease;
                due.Add(new DueDelivery(delivery.Id, delivery.Firing.Firing, delivery.Target, delivery.Attempts));
            }

            return Task.FromResult<IReadOnlyList<DueDelivery>>(due);
        }
    }

    public Task MarkDeliveredAsync(long deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_deliveries.TryGetValue(deliveryId, out var delivery) && delivery.State != DeliveryState.Delivered)
            {
                delivery.State = DeliveryState.Delivered;
                delivery.DeliveredAt = at;
                delivery.LastAttemptAt = at;
                delivery.NextAttemptAt = null;
                delivery.LeasedUntil = null;
                _pending.Remove(deliveryId);
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(long deliveryId, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Only a pending delivery fails: a late answer must not undo a success recorded meanwhile.
            if (_pending.TryGetValue(deliveryId, out var delivery))
            {
                delivery.LastError = error;
                delivery.LastAttemptAt = now;
                delivery.LeasedUntil = null;
                delivery.NextAttemptAt = retryAt;
                if (retryAt is null)
                {
                    delivery.State = DeliveryState.DeadLettered;
                    _pending.Remove(deliveryId);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FiringRecord>> GetRuleFiringsAsync(string ruleId, int limit, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Newest(_byRule.GetValueOrDefault(ruleId), limit, before));
        }
    }

    public Task<IReadOnlyList<FiringRecord>> GetCustomerFiringsAsync(string customerId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Newest(_byCustomer.GetValueOrDefault(customerId), limit, before: null));
        }
    }

    public Task<IReadOnlyList<FiringRecord>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var dead = _deliveries.Values
                .Where(d => d.State == DeliveryState.DeadLettered)
                .OrderByDescending(d => d.LastAttemptAt)
                .ThenByDescending(d => d.Id)
                .Take(limit);
            IReadOnlyList<FiringRecord> records = [.. dead
                .GroupBy(d => d.Firing)
                .Select(g => new FiringRecord(g.Key.Firing, [.. g.OrderBy(d => d.Id).Select(d => d.ToRecord())]))];
            return Task.FromResult(records);
        }
    }

    public Task<IReadOnlyList<TriggerFeedItem>> GetFeedAsync(FeedCursor after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var from = (int)Math.Clamp(after.Transaction > 0 ? long.MaxValue : after.Position, 0, _feed.Count);
            return Task.FromResult<IReadOnlyList<TriggerFeedItem>>(
                [.. _feed.Skip(from).Take(limit).Select((firing, i) => new TriggerFeedItem(new FeedCursor(0, from + i + 1), firing))]);
        }
    }

    public Task<FeedCursor> GetFeedHeadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new FeedCursor(0, _feed.Count));
        }
    }

    public Task<bool> ReplayAsync(long deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(deliveryId, out var delivery) || delivery.State != DeliveryState.DeadLettered)
            {
                return Task.FromResult(false);
            }

            delivery.State = DeliveryState.Pending;
            delivery.Attempts = 0;
            delivery.NextAttemptAt = now;
            delivery.LeasedUntil = null;
            _pending.Add(deliveryId, delivery);
            return Task.FromResult(true);
        }
    }

    private static List<StoredFiring> ListOf(Dictionary<string, List<StoredFiring>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        return list;
    }

    private static IReadOnlyList<FiringRecord> Newest(List<StoredFiring>? firings, int limit, DateTimeOffset? before) =>
        firings is null
            ? []
            : [.. firings
                .Where(f => before is null || f.Firing.FiredAt < before)
                .OrderByDescending(f => f.Firing.FiredAt)
                .ThenByDescending(f => f.Firing.IdempotencyKey, StringComparer.Ordinal)
                .Take(limit)
                .Select(f => new FiringRecord(f.Firing, [.. f.Deliveries.Select(d => d.ToRecord())]))];

    private sealed class StoredFiring(FiredTrigger firing)
    {
        public FiredTrigger Firing { get; } = firing;

        public List<Delivery> Deliveries { get; } = [];
    }

    private sealed class Delivery(long id, StoredFiring firing, WebhookTarget target)
    {
        public long Id { get; } = id;

        public StoredFiring Firing { get; } = firing;

        public WebhookTarget Target { get; } = target;

        public DeliveryState State { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset? NextAttemptAt { get; set; }

        public DateTimeOffset? LeasedUntil { get; set; }

        public DateTimeOffset? DeliveredAt { get; set; }

        public DateTimeOffset? LastAttemptAt { get; set; }

        public string? LastError { get; set; }

        public DeliveryRecord ToRecord() => new(Id, Target.Url, State, Attempts, State == DeliveryState.Pending ? NextAttemptAt : null, DeliveredAt, LastError);
    }
}
