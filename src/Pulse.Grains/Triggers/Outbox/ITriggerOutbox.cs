using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>
/// Where firings are kept until every webhook has them: in memory for the local profile, in PostgreSQL for a
/// cluster (it survives silo restarts). A firing is stored once per idempotency key; deliveries are claimed
/// with a lease, so a silo that dies mid-delivery leaves them to another after the lease.
/// </summary>
public interface ITriggerOutbox
{
    /// <summary>
    /// Stores the firings whose idempotency key is new, with their deliveries due at once, and returns those
    /// (a firing re-created after a crash, with a key already stored, is dropped).
    /// </summary>
    Task<IReadOnlyList<FiredTrigger>> AppendAsync(IReadOnlyList<OutboxFiring> firings, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> pending deliveries due at <paramref name="now"/> (oldest first) for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The receiver accepted the delivery.</summary>
    Task MarkDeliveredAsync(long deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>An attempt failed: due again at <paramref name="retryAt"/>, or dead-lettered when that is null.</summary>
    Task MarkFailedAsync(long deliveryId, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A rule's firings, newest first, fired before <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<FiringRecord>> GetRuleFiringsAsync(string ruleId, int limit, DateTimeOffset? before = null, CancellationToken cancellationToken = default);

    /// <summary>A customer's firings, newest first.</summary>
    Task<IReadOnlyList<FiringRecord>> GetCustomerFiringsAsync(string customerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Dead-lettered deliveries with their firings, newest first.</summary>
    Task<IReadOnlyList<FiringRecord>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Firings stored after <paramref name="after"/>, in feed order, with their cursors; only settled ones (no
    /// firing can later appear before the last one returned). The live feed reads this.
    /// </summary>
    Task<IReadOnlyList<TriggerFeedItem>> GetFeedAsync(FeedCursor after, int limit, CancellationToken cancellationToken = default);

    /// <summary>A cursor after everything settled now: following from it gives what is stored from now on.</summary>
    Task<FeedCursor> GetFeedHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts a dead-lettered delivery back, due at <paramref name="now"/> with its attempts counted afresh; false when there is no such dead letter.</summary>
    Task<bool> ReplayAsync(long deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
