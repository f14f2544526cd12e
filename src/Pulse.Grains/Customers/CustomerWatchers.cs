using Pulse.Contracts.Customers;

namespace Pulse.Grains.Customers;

/// <summary>The live views watching one customer, each until its watch expires unrenewed.</summary>
internal sealed class CustomerWatchers
{
    /// <summary>How long a watch lasts without renewal; the web layer renews every 15 s.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly Dictionary<ICustomerWatcher, DateTimeOffset> _until = [];

    public bool Any => _until.Count > 0;

    public void Watch(ICustomerWatcher watcher, DateTimeOffset now) => _until[watcher] = now + Expiry;

    public void Unwatch(ICustomerWatcher watcher) => _until.Remove(watcher);

    /// <summary>Tells every live watcher (one-way: a slow or vanished one holds nobody up) and forgets the expired.</summary>
    public void Notify(string customerId, DateTimeOffset now)
    {
        if (_until.Count == 0)
        {
            return;
        }

        List<ICustomerWatcher>? expired = null;
        foreach (var (watcher, until) in _until)
        {
            if (until < now)
            {
                (expired ??= []).Add(watcher);
                continue;
            }

            watcher.CustomerChanged(customerId).Ignore();
        }

        expired?.ForEach(w => _until.Remove(w));
    }
}
