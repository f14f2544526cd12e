using Orleans.Concurrency;
using Pulse.Contracts.Interactions;

namespace Pulse.Contracts.Customers;

/// <summary>One customer: applies their interactions once each and keeps their live features and scores.</summary>
[Alias("pulse.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The customer's profile as of <paramref name="asOf"/> (default: now); null for a customer never seen.</summary>
    [ReadOnly, Alias("GetProfileAsync")]
    Task<CustomerProfile?> GetProfileAsync(DateTimeOffset? asOf = null);

    /// <summary>
    /// The scores as last stored: refreshed on a timer as well as on reads, so rules can act on a
    /// customer who has gone silent. Null before the first scoring.
    /// </summary>
    [ReadOnly, Alias("GetStoredValueAsync")]
    Task<CustomerValue?> GetStoredValueAsync();

    /// <summary>The churn risk as last assessed (after each batch of events and on the timer); null without a churn model.</summary>
    [ReadOnly, Alias("GetStoredChurnAsync")]
    Task<ChurnRisk?> GetStoredChurnAsync();

    /// <summary>The most recent interactions, newest first; empty for a customer never seen.</summary>
    [ReadOnly, Alias("GetRecentInteractionsAsync")]
    Task<IReadOnlyList<Interaction>> GetRecentInteractionsAsync();

    /// <summary>
    /// Tells <paramref name="watcher"/> of every change from now on, for two minutes; watching
    /// again renews it. A watcher that stops renewing (its process went away) is forgotten.
    /// </summary>
    [Alias("WatchAsync")]
    Task WatchAsync(ICustomerWatcher watcher);

    /// <summary>Stops telling <paramref name="watcher"/>.</summary>
    [Alias("UnwatchAsync")]
    Task UnwatchAsync(ICustomerWatcher watcher);

    /// <summary>
    /// Merges <paramref name="absorbedId"/> into this customer (the survivor): the absorbed customer forwards
    /// from now on, and this one rebuilds from its own log and the absorbed customer's (docs/identity.md).
    /// Merging a customer already absorbed into this one again changes nothing. Refused with an
    /// <see cref="ArgumentException"/> for this customer itself, when this customer is itself absorbed, and
    /// when the other is absorbed elsewhere or has absorbed customers of its own.
    /// </summary>
    [Alias("MergeAsync")]
    Task MergeAsync(string absorbedId, string reason);

    /// <summary>
    /// Undoes the merge of <paramref name="absorbedId"/>: it stops forwarding and rebuilds from its own log, and
    /// this customer rebuilds without it. Refused with an <see cref="ArgumentException"/> for an id not absorbed here.
    /// </summary>
    [Alias("UnmergeAsync")]
    Task UnmergeAsync(string absorbedId);

    /// <summary>The survivor this customer was merged into, or null. An absorbed customer's profile is null.</summary>
    [ReadOnly, Alias("GetAbsorbedIntoAsync")]
    Task<string?> GetAbsorbedIntoAsync();

    /// <summary>The customers merged into this one, in the order they were merged.</summary>
    [ReadOnly, Alias("GetAbsorbedIdsAsync")]
    Task<IReadOnlyList<string>> GetAbsorbedIdsAsync();
}
