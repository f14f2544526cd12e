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
}
