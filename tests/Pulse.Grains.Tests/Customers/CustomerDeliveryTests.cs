using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;
using Pulse.Grains.Customers;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class CustomerDeliveryTests(ClusterFixture fixture)
{
    private PulseTestCluster Pulse => fixture.Pulse;

    [Fact]
    public async Task LoggedInteractionsReachTheProfile()
    {
        var id = NewCustomer();
        await Pulse.Client.IngestAsync([
            Interactions.Make(id, id + "-a", PulseTestCluster.Start.AddDays(-2), InteractionKind.Purchase, Channel.Store, 40m),
            Interactions.Make(id, id + "-b", PulseTestCluster.Start.AddDays(-1), InteractionKind.Call, Channel.CallCentre),
        ]);

        var profile = await WaitForCountAsync(id, 2);
        Assert.Equal(PulseTestCluster.Start.AddDays(-2), profile.FirstSeen);
        Assert.Equal(PulseTestCluster.Start.AddDays(-1), profile.LastSeen);
        Assert.Equal(40m, profile.Rfm.TotalSpend);
        Assert.Equal(Math.Pow(2, -2.0 / 7), profile.Features["kind.purchase.count.7d"], 12);
        Assert.Equal(40 * Math.Pow(2, -2.0 / 7), profile.Features["channel.store.amount.7d"], 10);
        Assert.Equal(Math.Pow(2, -1.0 / 30), profile.Features["channel.call-centre.count.30d"], 12);
        Assert.Equal(0.0, profile.Features["kind.complaint.count.90d"]);
    }

    [Fact]
    public async Task ARedeliveredEventIsAppliedOnce()
    {
        // Resent to ingest (a duplicate in the log) and delivered again (a delivery that restarted
        // from its last saved cursor): applied once either way.
        var id = NewCustomer();
        var purchase = Interactions.Make(id, id + "-p1", PulseTestCluster.Start.AddHours(-1), InteractionKind.Purchase, amount: 25m);
        var receipt = await Pulse.Client.IngestAsync([purchase, purchase, purchase with { Amount = 99m }]);
        await Pulse.Client.IngestAsync([purchase]);
        await WaitForCountAsync(id, 1);
        var logged = await Pulse.Log.ReadAsync(id, 0, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        await Pulse.Client.GetGrain<ICustomerInbox>(id).DeliverAsync(logged);
        await Pulse.Client.GetGrain<ICustomerInbox>(id).DeliverAsync([.. logged, .. logged]);
        await Pulse.Client.IngestAsync([Interactions.Make(id, id + "-p2", PulseTestCluster.Start.AddHours(-1))]);

        Assert.Equal(new IngestReceipt(1, 2), receipt);
        var profile = await WaitForCountAsync(id, 2);
        Assert.Equal(25m, profile.Rfm.TotalSpend);
        Assert.Equal(2, (await Customer(id).GetRecentInteractionsAsync()).Count);
    }

    [Fact]
    public async Task OutOfOrderArrivalGivesTheSameProfileAsInOrder()
    {
        var inOrder = NewCustomer();
        var shuffled = NewCustomer();
        var history = Interactions.History("h", 60, seed: 3);
        var sorted = history.OrderBy(i => i.Timestamp).Select(i => i with { CustomerId = inOrder, EventId = inOrder + i.EventId }).ToList();
        var mixed = history.Select(i => i with { CustomerId = shuffled, EventId = shuffled + i.EventId }).ToList();
        new Random(5).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(mixed));

        await Pulse.Client.IngestAsync(sorted);
        await Pulse.Client.IngestAsync(mixed);
        var a = await WaitForCountAsync(inOrder, 60);
        var b = await WaitForCountAsync(shuffled, 60);

        Assert.Equal(a.Rfm, b.Rfm);
        Assert.Equal(a.FirstSeen, b.FirstSeen);
        Assert.Equal(a.LastSeen, b.LastSeen);
        foreach (var (name, value) in a.Features)
        {
            Assert.True(Math.Abs(value - b.Features[name]) <= 1e-9 * Math.Max(1, Math.Abs(value)), $"{name}: {value} vs {b.Features[name]}");
        }

        var recentA = (await Customer(inOrder).GetRecentInteractionsAsync()).Select(i => i.EventId[inOrder.Length..]).ToList();
        var recentB = (await Customer(shuffled).GetRecentInteractionsAsync()).Select(i => i.EventId[shuffled.Length..]).ToList();
        Assert.Equal(50, recentA.Count);
        Assert.Equal(recentA, recentB);
    }

    [Fact]
    public async Task ReactivationRestoresTheCustomerFromItsCheckpoint()
    {
        var id = NewCustomer();
        await Pulse.Client.IngestAsync(Interactions.History(id, 30, seed: 8));
        var before = await WaitForCountAsync(id, 30);

        await Pulse.Cluster.DeactivateAsync(Customer(id));
        Assert.Equal(30, await StoredCountAsync(id));
        var after = await Customer(id).GetProfileAsync(before.AsOf);

        Assert.NotNull(after);
        Assert.Equal(before.InteractionCount, after.InteractionCount);
        Assert.Equal(before.Rfm, after.Rfm);
        Assert.Equal(before.Features, after.Features);
        Assert.Equal(30, (await Customer(id).GetRecentInteractionsAsync()).Count);

        // The restored dedupe memory still refuses an event applied before deactivation.
        await Pulse.Client.IngestAsync([Interactions.History(id, 1, seed: 8)[0], Interactions.Make(id, id + "-fresh", PulseTestCluster.Start)]);
        var final = await WaitForCountAsync(id, 31);
        Assert.Equal(31, final.InteractionCount);
    }

    [Fact]
    public async Task TheIngestGrainLogsCountsDuplicatesAndDelivers()
    {
        var id = NewCustomer();
        var batch = Interactions.History(id, 10, seed: 4);
        var ingest = Pulse.Client.GetGrain<IInteractionIngestGrain>(0);

        var first = await ingest.AcceptAsync(batch);
        var again = await ingest.AcceptAsync([.. batch.Take(4), Interactions.Make(id, id + "-new", PulseTestCluster.Start)]);

        Assert.Equal(new IngestReceipt(10, 0), first);
        Assert.Equal(new IngestReceipt(1, 4), again);
        var profile = await WaitForCountAsync(id, 11);
        Assert.True(profile.LastPosition > 0);
        var logged = await Pulse.Log.ReadAsync(id, 0, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(11, logged.Count);
    }

    [Fact]
    public async Task CustomersSpreadAcrossBothSilos()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => NewCustomer()).ToList();
        await Pulse.Client.IngestAsync(ids.Select(id => Interactions.Make(id, id + "-only", PulseTestCluster.Start)));
        foreach (var id in ids)
        {
            await WaitForCountAsync(id, 1);
        }

        var management = Pulse.Client.GetGrain<IManagementGrain>(0);
        var stats = await management.GetSimpleGrainStatistics();
        var perSilo = stats.Where(s => s.GrainType.Contains(nameof(CustomerGrain), StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));

        Assert.Equal(2, perSilo.Count);
        var total = perSilo.Values.Sum();
        Assert.All(perSilo.Values, count => Assert.True(count >= total * 0.3, $"uneven spread: {string.Join(", ", perSilo.Values)}"));
    }

    private ICustomerGrain Customer(string id) => Pulse.Client.GetGrain<ICustomerGrain>(id);

    private Task<CustomerProfile> WaitForCountAsync(string id, long count) =>
        Eventually.ReturnsAsync(
            async () => (await Customer(id).GetProfileAsync(PulseTestCluster.Start))!,
            p => p is not null && p.InteractionCount >= count,
            $"{id} to have {count} interactions");

    private Task<long> StoredCountAsync(string id) => Storage.StoredCountAsync(Pulse, id);

    private static string NewCustomer() => "t-" + Guid.NewGuid().ToString("N")[..10];
}
