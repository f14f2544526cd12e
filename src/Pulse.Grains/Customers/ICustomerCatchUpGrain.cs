namespace Pulse.Grains.Customers;

/// <summary>
/// Cluster-internal: asks a customer to read the interaction log for anything it may have missed
/// (events in a memory stream queue of a silo that left are lost to the stream, never to the log).
/// </summary>
[Alias("pulse.ICustomerCatchUpGrain")]
public interface ICustomerCatchUpGrain : IGrainWithStringKey
{
    /// <summary>Applies every logged interaction not applied yet; returns how many.</summary>
    [Alias("CatchUpAsync")]
    Task<int> CatchUpAsync();
}
