namespace Pulse.Contracts.Customers;

/// <summary>
/// Told when a watched customer changed (events applied, scores or network moved), so a live view can
/// fetch the new profile. Carries only the id: a burst of changes costs the watcher one read.
/// </summary>
[Alias("pulse.ICustomerWatcher")]
public interface ICustomerWatcher : IGrainObserver
{
    [Orleans.Concurrency.OneWay, Alias("CustomerChanged")]
    Task CustomerChanged(string customerId);
}
