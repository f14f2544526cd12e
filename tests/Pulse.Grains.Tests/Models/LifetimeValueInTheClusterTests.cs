using Microsoft.Extensions.Time.Testing;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Models;

public sealed class LifetimeValueInTheClusterTests
{
    private static readonly FittedParameters CdnowBgNbd = new(["r", "alpha", "a", "b"], [0.243, 4.414, 0.793, 2.426], [0.01, 0.2, 0.05, 0.2], Diagonal([1e-4, 0.04, 0.0025, 0.04]), -9582.4, 20, true, 2357);
    private static readonly FittedParameters CdnowGammaGamma = new(["p", "q", "v"], [6.25, 3.74, 15.44], [0.5, 0.3, 2], Diagonal([0.25, 0.09, 4]), -4000, 20, true, 946);

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
        var published = await registry.PublishClvAsync(new ClvModel(0, DateOnly.FromDateTime(PulseTestCluster.Start.UtcDateTime), 7, 2357, 1000, CdnowBgNbd, CdnowGammaGamma, null, "test", PulseTestCluster.Start, TimeSpan.Zero));
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

    private static double[] Diagonal(double[] values)
    {
        var n = values.Length;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = values[i];
        }

        return m;
    }
}
