using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>Cluster-internal: where delivery hands a customer its logged interactions.</summary>
[Alias("pulse.ICustomerInbox")]
public interface ICustomerInbox : IGrainWithStringKey
{
    /// <summary>Applies each interaction not applied yet (by event id); returns once they are applied.</summary>
    [Alias("DeliverAsync")]
    Task DeliverAsync(IReadOnlyList<Interaction> interactions);
}
