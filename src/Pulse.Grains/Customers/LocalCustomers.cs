using System.Collections.Concurrent;

namespace Pulse.Grains.Customers;

/// <summary>The customers active in this silo, so a silo can ask its own customers to catch up.</summary>
public sealed class LocalCustomers
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public void Add(string customerId) => _ids.TryAdd(customerId, 0);

    public void Remove(string customerId) => _ids.TryRemove(customerId, out _);

    public IReadOnlyCollection<string> Snapshot() => [.. _ids.Keys];
}
