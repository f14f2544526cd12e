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

    /// <summary>The most recent interactions, newest first; empty for a customer never seen.</summary>
    [ReadOnly, Alias("GetRecentInteractionsAsync")]
    Task<IReadOnlyList<Interaction>> GetRecentInteractionsAsync();
}
