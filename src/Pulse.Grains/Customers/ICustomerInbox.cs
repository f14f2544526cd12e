using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>Cluster-internal: where delivery hands a customer its logged interactions.</summary>
[Alias("pulse.ICustomerInbox")]
public interface ICustomerInbox : IGrainWithStringKey
{
    /// <summary>Applies each interaction not applied yet (by event id); returns once they are applied.</summary>
    [Alias("DeliverAsync")]
    Task DeliverAsync(IReadOnlyList<Interaction> interactions);

    /// <summary>
    /// Re-assesses churn risk and segment after a delivery: a message the customer sends itself, so the
    /// delivery does not wait for the scoring (several deliveries in a row are scored once).
    /// </summary>
    [Orleans.Concurrency.OneWay, Alias("RescoreAsync")]
    Task RescoreAsync();

    /// <summary>The customer's influence, community and neighbourhood, from its graph shard when they changed.</summary>
    [Orleans.Concurrency.OneWay, Alias("UpdateNetworkAsync")]
    Task UpdateNetworkAsync(Pulse.Contracts.Graph.CustomerNetwork network);

    /// <summary>
    /// Marks this customer absorbed into <paramref name="survivorId"/> (persisted before it returns), clears its
    /// features and scores, and from then on forwards what it is delivered. Idempotent for the same survivor;
    /// refused (ArgumentException) when absorbed elsewhere or when it has absorbed customers of its own.
    /// </summary>
    [Alias("AbsorbIntoAsync")]
    Task AbsorbIntoAsync(string survivorId, string reason);

    /// <summary>Undoes <see cref="AbsorbIntoAsync"/>: stops forwarding and rebuilds from its own log. Idempotent.</summary>
    /// <remarks>
    /// Always interleaves: the survivor calls it from its unmerge while this customer may be waiting on the
    /// survivor to take a forwarded delivery; without interleaving the two would wait on each other.
    /// </remarks>
    [Orleans.Concurrency.AlwaysInterleave, Alias("ReleaseAsync")]
    Task ReleaseAsync(string survivorId);
}
