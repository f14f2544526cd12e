using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Pulse.Grains.Customers;

namespace Pulse.Grains.Tests.Cluster;

/// <summary>Reads a customer's checkpoint straight from the silos' grain storage.</summary>
public static class Storage
{
    public static async Task<long> StoredCountAsync(PulseTestCluster pulse, string id)
    {
        var total = 0L;
        foreach (var silo in pulse.Cluster.Silos)
        {
            var storage = pulse.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredKeyedService<IGrainStorage>(PulseStorage.Customers);
            var state = new GrainState<CustomerState>(new CustomerState());
            await storage.ReadStateAsync("customer", GrainId.Create("customer", id), state);
            total = Math.Max(total, state.State?.AppliedCount ?? 0);
        }

        return total;
    }
}
