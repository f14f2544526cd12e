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

    /// <summary>The survivor this customer was merged into, or null. An absorbed customer's profile is null.</summary>
    [ReadOnly, Alias("GetAbsorbedIntoAsync")]
    Task<string?> GetAbsorbedIntoAsync();

    /// <summary>The customers merged into this one, in the order they were merged.</summary>
    [ReadOnly, Alias("GetAbsorbedIdsAsync")]
    Task<IReadOnlyList<string>> GetAbsorbedIdsAsync();

    /// <summary>The merges and unmerges this customer took part in (survivor or absorbed), oldest first; the last 50.</summary>
    [ReadOnly, Alias("GetMergesAsync")]
    Task<IReadOnlyList<Pulse.Contracts.Merges.MergeRecord>> GetMergesAsync();
}
