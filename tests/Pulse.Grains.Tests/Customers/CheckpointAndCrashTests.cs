using Microsoft.Extensions.Time.Testing;
using Pulse.Contracts.Customers;
using Pulse.Grains.Customers;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

/// <summary>Tests that need a cluster of their own: a fake grain clock, or a silo killed.</summary>
public sealed class CheckpointAndCrashTests
{
    [Fact]
    public async Task TheCheckpointTimerWritesStateWithoutDeactivation()
    {
        var interval = TimeSpan.FromSeconds(10);
        await using var pulse = await PulseTestCluster.StartAsync(1, interval, new FakeTimeProvider(PulseTestCluster.Start));
        var id = "cp-" + Guid.NewGuid().ToString("N")[..8];
        await pulse.Client.IngestAsync(Interactions.History(id, 5, seed: 9));
        await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.InteractionCount == 5, "5 interactions applied");

        // The first checkpoint falls between 0.5 and 1.5 intervals after activation (spread on purpose).
        pulse.Clock!.Advance(interval * 0.4);
        Assert.Equal(0, await Storage.StoredCountAsync(pulse, id));

        pulse.Clock.Advance(interval * 1.2);
        await Eventually.ReturnsAsync(() => Storage.StoredCountAsync(pulse, id), count => count == 5, "the checkpoint to be written");
    }

    [Fact]
    public async Task CustomersOfAKilledSiloComeBackWithEveryLoggedInteraction()
    {
        // Checkpoints effectively never run: what survives the kill is the log alone.
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1));
        var ids = Enumerable.Range(0, 40).Select(i => $"crash-{i}-{Guid.NewGuid():N}"[..20]).ToList();
        var expected = new Dictionary<string, (long Count, decimal Spend)>();
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            var history = Interactions.History(id, 5 + (n % 7), seed: n);
            await pulse.Client.IngestAsync(history);
            expected[id] = (history.Count, history.Where(i => i.Kind == Contracts.Interactions.InteractionKind.Purchase).Sum(i => i.Amount!.Value));
        }

        foreach (var id in ids)
        {
            await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.InteractionCount == expected[id].Count, $"{id} applied");
        }

        var victim = pulse.Cluster.Silos.Single(s => s.SiloAddress != pulse.Cluster.Silos[0].SiloAddress);
        var stats = await pulse.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var onVictim = stats.Where(s => s.SiloAddress.Equals(victim.SiloAddress) && s.GrainType.Contains(nameof(CustomerGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        Assert.True(onVictim > 0, "no customer lived on the silo to be killed");

        await pulse.Cluster.KillSiloAsync(victim);

        foreach (var id in ids)
        {
            var profile = await Eventually.ReturnsAsync(
                () => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(),
                p => p is not null,
                $"{id} to answer after the kill",
                TimeSpan.FromSeconds(90));
            Assert.Equal(expected[id].Count, profile!.InteractionCount);
            Assert.Equal(expected[id].Spend, profile!.Rfm.TotalSpend);
        }
    }

    [Fact]
    public async Task DeliveryMovesOffAKilledSiloAndResumesFromItsCursor()
    {
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1));
        var ids = Enumerable.Range(0, 64).Select(i => $"moved-{i}-{Guid.NewGuid():N}"[..20]).ToList();
        foreach (var id in ids)
        {
            await pulse.Client.IngestAsync(Interactions.History(id, 3, seed: 1));
        }

        var spendBefore = new Dictionary<string, decimal>();
        foreach (var id in ids)
        {
            var before = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.InteractionCount == 3, $"{id} applied");
            spendBefore[id] = before!.Rfm.TotalSpend;
        }

        var victim = pulse.Cluster.Silos[1];
        var stats = await pulse.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var deliveriesOnVictim = stats
            .Where(s => s.SiloAddress.Equals(victim.SiloAddress) && s.GrainType.Contains(nameof(Delivery.InteractionDeliveryGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
        await pulse.Cluster.KillSiloAsync(victim);

        // Logged while the killed silo's partitions have no delivery: it must come back on the survivor.
        foreach (var id in ids)
        {
            await pulse.Log.AppendAsync([Interactions.Make(id, id + "-after", PulseTestCluster.Start, Contracts.Interactions.InteractionKind.Purchase, amount: 7m)]);
        }

        foreach (var id in ids)
        {
            var profile = await Eventually.ReturnsAsync(
                () => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(),
                p => p?.InteractionCount == 4,
                $"{id} to receive what was logged after the kill ({deliveriesOnVictim} partitions were delivered from the killed silo)",
                TimeSpan.FromSeconds(90));
            Assert.Equal(spendBefore[id] + 7m, profile!.Rfm.TotalSpend);
        }
    }
}
