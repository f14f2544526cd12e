using Microsoft.Extensions.Time.Testing;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Models;

public sealed class LifetimeValueInTheClusterTests
{
    [Fact]
    public async Task ANewVersionReachesEverySiloAndASilentCustomersStoredScoreFallsOnItsTimer()
    {
        var clock = new FakeTimeProvider(PulseTestCluster.Start);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock);

        // Customers on both silos: each scores with its own silo's cache.
        var ids = Enumerable.Range(0, 12).Select(i => $"clv-{i}-{Guid.NewGuid():N}"[..16]).ToList();
        foreach (var id in ids)
        {
            await pulse.Client.IngestAsync([
                Interactions.Make(id, id + "-1", PulseTestCluster.Start.AddDays(-60), InteractionKind.Purchase, amount: 30m),
                Interactions.Make(id, id + "-2", PulseTestCluster.Start.AddDays(-40), InteractionKind.Purchase, amount: 50m),
                Interactions.Make(id, id + "-3", PulseTestCluster.Start.AddDays(-20), InteractionKind.Purchase, amount: 40m),
            ]);
        }

        foreach (var id in ids)
        {
            var before = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.InteractionCount == 3, $"{id} applied");
            Assert.Null(before!.Value);
        }

        var registry = pulse.Client.GetGrain<IModelRegistryGrain>(ModelNames.Clv);
        var published = await registry.PublishClvAsync(CdnowClvModel.Make());
        Assert.True(published.Version >= 1);

        foreach (var id in ids)
        {
            var profile = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.Value?.ModelVersion == published.Version, $"{id} scored with version {published.Version}", TimeSpan.FromSeconds(30));
            Assert.InRange(profile!.Value!.ProbabilityAlive, 0, 1);
        }

        var silent = pulse.Client.GetGrain<ICustomerGrain>(ids[0]);
        var first = (await silent.GetStoredValueAsync())!;

        // No event, only time: days later (the RFM summary counts whole days) the timer has re-scored
        // the customer lower.
        clock.Advance(TimeSpan.FromDays(3));
        var after = await Eventually.ReturnsAsync(silent.GetStoredValueAsync, v => v is not null && v.AsOf > first.AsOf, "the timer to re-score", TimeSpan.FromSeconds(30));
        Assert.True(after!.ProbabilityAlive < first.ProbabilityAlive, $"P(alive) {first.ProbabilityAlive} → {after.ProbabilityAlive}");
        Assert.True(after.LifetimeValue < first.LifetimeValue);
        Assert.Equal(published.Version, (await registry.GetVersionAsync()));
        Assert.Equal(published.Version, (await registry.GetClvHistoryAsync())[0].Version);
    }
}
