using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Merges;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

/// <summary>
/// Merge and unmerge (docs/identity.md): a survivor must come out exactly as one customer fed both histories, and
/// an unmerge must leave both as customers fed only their own.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerMergeTests(ClusterFixture fixture)
{
    // Decayed features are sums of doubles; the survivor adds them in log order and the reference customer in
    // event-time order, so the last bits may differ. Counts, days and money (decimal) must match exactly.
    private const double Relative = 1e-9;

    private static readonly DateTimeOffset AsOf = PulseTestCluster.Start;

    private PulseTestCluster Pulse => fixture.Pulse;

    [Fact]
    public async Task TheSurvivorEqualsOneCustomerFedBothHistories()
    {
        var (a, b, both) = (NewCustomer("a"), NewCustomer("b"), NewCustomer("ab"));
        var historyA = Interactions.History(a, 30, seed: 11);
        var historyB = Interactions.History(b, 25, seed: 12);
        await FeedAsync(a, historyA);
        await FeedAsync(b, historyB);
        await FeedAsync(both, Renamed(both, [.. historyA, .. historyB]));

        var outcome = await Merges.MergeAsync(a, b, "explicit: test", deterministic: false);

        Assert.Equal(MergeStatus.Done, outcome.Status);
        AssertSameCustomer(await ProfileAsync(both), await ProfileAsync(a));
        Assert.Null(await Customer(b).GetProfileAsync(AsOf));
        Assert.Equal(a, await Customer(b).GetAbsorbedIntoAsync());
        Assert.Equal([b], await Customer(a).GetAbsorbedIdsAsync());

        // The merge is recorded, with its reason, by both customers.
        var record = Assert.Single(await Customer(a).GetMergesAsync());
        Assert.Equal((MergeKind.Merge, a, b, "explicit: test", false), (record.Kind, record.SurvivorId, record.AbsorbedId, record.Reason, record.Deterministic));
        Assert.Equal(outcome.Record, record);
        Assert.Equal(record, Assert.Single(await Customer(b).GetMergesAsync()));
    }

    [Fact]
    public async Task AnUnmergeLeavesBothAsIfNeverMerged()
    {
        var (a, b, onlyA, onlyB) = (NewCustomer("a"), NewCustomer("b"), NewCustomer("oa"), NewCustomer("ob"));
        var historyA = Interactions.History(a, 20, seed: 21);
        var historyB = Interactions.History(b, 35, seed: 22);
        await FeedAsync(a, historyA);
        await FeedAsync(b, historyB);
        await FeedAsync(onlyA, Renamed(onlyA, historyA));
        await FeedAsync(onlyB, Renamed(onlyB, historyB));
        var merged = await Merges.MergeAsync(a, b, "explicit: test", deterministic: false);
        Assert.Equal(historyA.Count + historyB.Count, (await ProfileAsync(a)).InteractionCount);

        var unmerged = await Merges.UnmergeAsync(a, b, "wrong person");

        Assert.Equal(MergeStatus.Done, unmerged.Status);
        AssertSameCustomer(await ProfileAsync(onlyA), await ProfileAsync(a));
        AssertSameCustomer(await ProfileAsync(onlyB), await ProfileAsync(b));
        Assert.Null(await Customer(b).GetAbsorbedIntoAsync());
        Assert.Empty(await Customer(a).GetAbsorbedIdsAsync());

        // The unmerge names the merge it undid; both customers keep the pair.
        Assert.Equal(merged.Record!.MergeId, unmerged.Record!.MergeId);
        Assert.Equal([MergeKind.Merge, MergeKind.Unmerge], (await Customer(b).GetMergesAsync()).Select(m => m.Kind));

        // A person pulled them apart: a rule does not join them again, a person may.
        var again = await Merges.MergeAsync(a, b, "deterministic: test", deterministic: true);
        Assert.Equal(MergeStatus.Refused, again.Status);
        Assert.Equal("absorbedId", again.Field);
        Assert.Equal(MergeStatus.Done, (await Merges.MergeAsync(a, b, "explicit: it was them after all", deterministic: false)).Status);
        Assert.Equal(historyA.Count + historyB.Count, (await ProfileAsync(a)).InteractionCount);
    }

    [Fact]
    public async Task AnEventForTheAbsorbedCustomerLandsOnTheSurvivor()
    {
        var (a, b) = (NewCustomer("a"), NewCustomer("b"));
        await FeedAsync(a, Interactions.History(a, 10, seed: 31));
        await FeedAsync(b, Interactions.History(b, 10, seed: 32));
        await Merges.MergeAsync(a, b, "explicit: test", deterministic: false);
        var before = await ProfileAsync(a);

        await Pulse.Client.IngestAsync([Interactions.Make(b, b + "-late", AsOf.AddHours(-1), InteractionKind.Purchase, Channel.Store, 33m)]);

        var after = await Eventually.ReturnsAsync(() => Customer(a).GetProfileAsync(AsOf), p => p?.InteractionCount == before.InteractionCount + 1, "the late event on the survivor");
        Assert.Equal(before.Rfm.TotalSpend + 33m, after!.Rfm.TotalSpend);
        Assert.Null(await Customer(b).GetProfileAsync(AsOf));
        Assert.Equal(a, await Customer(b).GetAbsorbedIntoAsync());
    }

    [Fact]
    public async Task MergesFollowChainsAndRefuseWhatCannotBe()
    {
        var (a, b, c) = (NewCustomer("a"), NewCustomer("b"), NewCustomer("c"));
        await FeedAsync(a, Interactions.History(a, 3, seed: 41));
        await FeedAsync(b, Interactions.History(b, 3, seed: 42));
        await FeedAsync(c, Interactions.History(c, 3, seed: 43));

        var self = await Merges.MergeAsync(a, a, "explicit: test", deterministic: false);
        Assert.Equal((MergeStatus.Refused, "absorbedId"), (self.Status, self.Field));

        await Merges.MergeAsync(a, b, "explicit: test", deterministic: false);

        // Into an absorbed customer: the merge goes to the end of its chain.
        var intoAbsorbed = await Merges.MergeAsync(b, c, "explicit: test", deterministic: false);
        Assert.Equal((MergeStatus.Done, a), (intoAbsorbed.Status, intoAbsorbed.SurvivorId));
        Assert.Equal([b, c], await Customer(a).GetAbsorbedIdsAsync());
        Assert.Equal(9, (await ProfileAsync(a)).InteractionCount);

        // Two ids of one customer: nothing to do.
        Assert.Equal(MergeStatus.AlreadyDone, (await Merges.MergeAsync(c, b, "explicit: retried", deterministic: false)).Status);

        // Unmerging from a customer that is not the survivor, or an id not merged there.
        var fromAbsorbed = await Merges.UnmergeAsync(b, c, "test");
        Assert.Equal((MergeStatus.Refused, "survivorId"), (fromAbsorbed.Status, fromAbsorbed.Field));
        var stranger = NewCustomer("s");
        await FeedAsync(stranger, Interactions.History(stranger, 2, seed: 44));
        Assert.Equal(MergeStatus.AlreadyDone, (await Merges.UnmergeAsync(a, stranger, "test")).Status);
        Assert.Equal(9, (await ProfileAsync(a)).InteractionCount);
    }

    [Fact]
    public async Task AbsorbingASurvivorBringsItsCustomersAndAnUnmergeGivesThemBack()
    {
        var ids = Enumerable.Range(0, 4).Select(i => NewCustomer($"g{i}")).ToArray();
        var (a, b, c, d) = (ids[0], ids[1], ids[2], ids[3]);
        var histories = ids.Select((id, i) => Interactions.History(id, 8 + (3 * i), seed: 50 + i)).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            await FeedAsync(ids[i], histories[i]);
        }

        var (all, ab, cd) = (NewCustomer("all"), NewCustomer("ab"), NewCustomer("cd"));
        await FeedAsync(all, Renamed(all, histories.SelectMany(h => h)));
        await FeedAsync(ab, Renamed(ab, [.. histories[0], .. histories[1]]));
        await FeedAsync(cd, Renamed(cd, [.. histories[2], .. histories[3]]));

        await Merges.MergeAsync(a, b, "explicit: test", deterministic: false);
        await Merges.MergeAsync(c, d, "explicit: test", deterministic: false);
        var joined = await Merges.MergeAsync(a, c, "explicit: test", deterministic: false);

        Assert.Equal([b, c, d], joined.AbsorbedIds);
        AssertSameCustomer(await ProfileAsync(all), await ProfileAsync(a));

        // d came with c: it cannot leave on its own, and unmerging c takes it back with c.
        var alone = await Merges.UnmergeAsync(a, d, "test");
        Assert.Equal(MergeStatus.Refused, alone.Status);
        Assert.Contains(c, alone.Problem, StringComparison.Ordinal);

        await Merges.UnmergeAsync(a, c, "test");
        AssertSameCustomer(await ProfileAsync(ab), await ProfileAsync(a));
        AssertSameCustomer(await ProfileAsync(cd), await ProfileAsync(c));
        Assert.Equal([d], await Customer(c).GetAbsorbedIdsAsync());

        // A late event for d lands on c again, through d's forwarding.
        await Pulse.Client.IngestAsync([Interactions.Make(d, d + "-late", AsOf.AddHours(-2))]);
        await Eventually.ReturnsAsync(() => Customer(c).GetProfileAsync(AsOf), p => p?.InteractionCount == histories[2].Count + histories[3].Count + 1, "d's late event on c");
    }

    [Fact]
    public async Task ConcurrentMergesOfOverlappingCustomersConverge()
    {
        var ids = Enumerable.Range(0, 6).Select(i => NewCustomer($"k{i}")).ToArray();
        var histories = ids.Select((id, i) => Interactions.History(id, 5 + i, seed: 60 + i)).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            await FeedAsync(ids[i], histories[i]);
        }

        var all = NewCustomer("kall");
        await FeedAsync(all, Renamed(all, histories.SelectMany(h => h)));

        // Pairs that overlap and together connect all six, in both directions, sent at once from many callers.
        int[][] pairs = [[0, 1], [1, 2], [2, 0], [3, 4], [4, 3], [5, 0], [3, 1], [2, 5], [4, 5], [1, 3]];
        var outcomes = await Task.WhenAll(pairs.Select(p => Merges.MergeAsync(ids[p[0]], ids[p[1]], "deterministic: test", deterministic: true)));

        Assert.DoesNotContain(outcomes, o => o.Status == MergeStatus.Refused);
        var roots = await Task.WhenAll(ids.Select(id => ForwardingChain.ResolveAsync(Pulse.Client, id)));
        var root = Assert.Single(roots.Distinct());
        Assert.Equal(ids.Where(id => id != root).Order(StringComparer.Ordinal), (await Customer(root).GetAbsorbedIdsAsync()).Order(StringComparer.Ordinal));
        AssertSameCustomer(await ProfileAsync(all), await ProfileAsync(root));
    }

    [Fact]
    public async Task EventsArrivingDuringAMergeAreNeitherLostNorAppliedTwice()
    {
        var (a, b, both) = (NewCustomer("a"), NewCustomer("b"), NewCustomer("ab"));
        var historyA = Interactions.History(a, 40, seed: 71);
        var historyB = Interactions.History(b, 40, seed: 72);
        await FeedAsync(a, historyA);
        await FeedAsync(b, historyB);

        // Events for both ids keep arriving, each batch sent twice (a sender's retry), while the merge runs.
        var during = new List<Interaction>();
        var merge = Task.Run(async () =>
        {
            await Task.Delay(20);
            return await Merges.MergeAsync(a, b, "explicit: test", deterministic: false);
        });
        for (var round = 0; !merge.IsCompleted || round < 10; round++)
        {
            var batch = new[] { Interactions.Make(a, $"{a}-d{round}", AsOf.AddMinutes(-round - 1), InteractionKind.Purchase, Channel.Web, 1m + round), Interactions.Make(b, $"{b}-d{round}", AsOf.AddMinutes(-round - 1), InteractionKind.Chat) };
            during.AddRange(batch);
            await Pulse.Client.IngestAsync(batch);
            await Pulse.Client.IngestAsync(batch);
        }

        Assert.Equal(MergeStatus.Done, (await merge).Status);
        var total = historyA.Count + historyB.Count + during.Count;
        await FeedAsync(both, Renamed(both, [.. historyA, .. historyB, .. during]));
        await Eventually.ReturnsAsync(() => Customer(a).GetProfileAsync(AsOf), p => p?.InteractionCount == total, "every event once on the survivor");

        // Settled: nothing more arrives, and nothing counted twice.
        await Task.Delay(300);
        AssertSameCustomer(await ProfileAsync(both), await ProfileAsync(a));
    }

    private static void AssertSameCustomer(CustomerProfile expected, CustomerProfile actual)
    {
        Assert.Equal(expected.InteractionCount, actual.InteractionCount);
        Assert.Equal(expected.FirstSeen, actual.FirstSeen);
        Assert.Equal(expected.LastSeen, actual.LastSeen);
        Assert.Equal(expected.Features.Keys.Order(StringComparer.Ordinal), actual.Features.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected.Features)
        {
            Close(value, actual.Features[name], name);
        }

        Assert.Equal(expected.Rfm.Frequency, actual.Rfm.Frequency);
        Close(expected.Rfm.RecencyDays, actual.Rfm.RecencyDays, "rfm.recency");
        Close(expected.Rfm.TDays, actual.Rfm.TDays, "rfm.t");
        Assert.Equal(expected.Rfm.MonetaryValue, actual.Rfm.MonetaryValue);
        Assert.Equal(expected.Rfm.FirstPurchase, actual.Rfm.FirstPurchase);
        Assert.Equal(expected.Rfm.TotalSpend, actual.Rfm.TotalSpend);
        Assert.Equal(expected.Rfm.TotalRefunds, actual.Rfm.TotalRefunds);

        // Scores exist only when the cluster has published models; then they must agree too.
        Assert.Equal(expected.Value is null, actual.Value is null);
        if (expected.Value is { } lifetime)
        {
            Close(lifetime.LifetimeValue, actual.Value!.LifetimeValue, "value.lifetime");
        }

        Assert.Equal(expected.Churn is null, actual.Churn is null);
        if (expected.Churn is { } churn)
        {
            Close(churn.Probability, actual.Churn!.Probability, "churn.probability");
        }
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(
            Math.Abs(expected - actual) <= Relative * Math.Max(Math.Abs(expected), Math.Abs(actual)),
            $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>The same events as <paramref name="customerId"/>'s, with its id and event ids of its own, in event-time order.</summary>
    private static List<Interaction> Renamed(string customerId, IEnumerable<Interaction> events) =>
        [.. events.OrderBy(e => e.Timestamp).Select((e, n) => e with { CustomerId = customerId, EventId = $"{customerId}-r{n}" })];

    private async Task FeedAsync(string id, IReadOnlyList<Interaction> history)
    {
        await Pulse.Client.IngestAsync(history);
        await Eventually.ReturnsAsync(() => Customer(id).GetProfileAsync(AsOf), p => p?.InteractionCount == history.Count, $"{id} fed");
    }

    private async Task<CustomerProfile> ProfileAsync(string id) =>
        await Customer(id).GetProfileAsync(AsOf) ?? throw new InvalidOperationException($"{id} has no profile");

    private ICustomerGrain Customer(string id) => Pulse.Client.GetGrain<ICustomerGrain>(id);

    private ICustomerMergesGrain Merges => Pulse.Client.GetGrain<ICustomerMergesGrain>(0);

    private static string NewCustomer(string role) => $"merge-{role}-{Guid.NewGuid():N}"[..24];
}
