using Orleans.Concurrency;

namespace Pulse.Contracts.Identity;

/// <summary>
/// One identifier, keyed <c>{type}:{keyed value}</c> (<see cref="IdentifierKey.GrainKey"/>): the customer it
/// belongs to. One grain per identifier spreads the identity map over the cluster with no hot spot.
/// </summary>
[Alias("pulse.IIdentityGrain")]
public interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>The owner, or null when no customer has claimed the identifier.</summary>
    [ReadOnly]
    [Alias("GetOwnerAsync")]
    Task<IdentityOwner?> GetOwnerAsync();

    /// <summary>
    /// Claims the identifier for <paramref name="customerId"/>: an unowned identifier joins that customer;
    /// one already owned by another customer is left as it is and the outcome names that owner.
    /// </summary>
    /// <param name="verified">Whether the caller verified the identifier (a confirmed email, a login).</param>
    /// <param name="how">In words, why: "claimed by an event", "linked via API".</param>
    [Alias("ClaimAsync")]
    Task<ClaimOutcome> ClaimAsync(string customerId, bool verified, string how);
}
