using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
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

        await Customer(a).MergeAsync(b, "explicit: test");

        AssertSameCustomer(await ProfileAsync(both), await ProfileAsync(a));
        Assert.Null(await Customer(b).GetProfileAsync(AsOf));
        Assert.Equal(a, await Customer(b).GetAbsorbedIntoAsync());
        Assert.Equal([b], await Customer(a).GetAbsorbedIdsAsync());
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
        await Customer(a).MergeAsync(b, "explicit: test");
        Assert.Equal(historyA.Count + historyB.Count, (await ProfileAsync(a)).InteractionCount);

        await Customer(a).UnmergeAsync(b);

        AssertSameCustomer(await ProfileAsync(onlyA), await ProfileAsync(a));
        AssertSameCustomer(await ProfileAsync(onlyB), await ProfileAsync(b));
        Assert.Null(await Customer(b).GetAbsorbedIntoAsync());
        Assert.Empty(await Customer(a).GetAbsorbedIdsAsync());
    }

    [Fact]
    public async Task AnEventForTheAbsorbedCustomerLandsOnTheSurvivor()
    {
        var (a, b) = (NewCustomer("a"), NewCustomer("b"));
        await FeedAsync(a, Interactions.History(a, 10, seed: 31));
        await FeedAsync(b, Interactions.History(b, 10, seed: 32));
        await Customer(a).MergeAsync(b, "explicit: test");
        var before = await ProfileAsync(a);

        await Pulse.Client.IngestAsync([Interactions.Make(b, b + "-late", AsOf.AddHours(-1), InteractionKind.Purchase, Channel.Store, 33m)]);

        var after = await Eventually.ReturnsAsync(() => Customer(a).GetProfileAsync(AsOf), p => p?.InteractionCount == before.InteractionCount + 1, "the late event on the survivor");
        Assert.Equal(before.Rfm.TotalSpend + 33m, after!.Rfm.TotalSpend);
        Assert.Null(await Customer(b).GetProfileAsync(AsOf));
        Assert.Equal(a, await Customer(b).GetAbsorbedIntoAsync());
    }

    [Fact]
    public async Task MergesThatWouldBreakTheChainAreRefused()
    {
        var (a, b, c) = (NewCustomer("a"), NewCustomer("b"), NewCustomer("c"));
        await FeedAsync(a, Interactions.History(a, 3, seed: 41));
        await FeedAsync(b, Interactions.History(b, 3, seed: 42));
        await FeedAsync(c, Interactions.History(c, 3, seed: 43));

        // Orleans carries the exception's type and message to the caller, not ParamName: the message names the field.
        var self = await Assert.ThrowsAsync<ArgumentException>(() => Customer(a).MergeAsync(a, "explicit: test"));
        Assert.Contains("absorbedId", self.Message, StringComparison.Ordinal);

        await Customer(a).MergeAsync(b, "explicit: test");

        // Into an absorbed customer: the survivor must be the end of the chain.
        var intoAbsorbed = await Assert.ThrowsAsync<ArgumentException>(() => Customer(b).MergeAsync(c, "explicit: test"));
        Assert.Contains("survivorId", intoAbsorbed.Message, StringComparison.Ordinal);

        // An id already absorbed elsewhere.
        var elsewhere = await Assert.ThrowsAsync<ArgumentException>(() => Customer(c).MergeAsync(b, "explicit: test"));
        Assert.Contains("absorbedId", elsewhere.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => Customer(a).UnmergeAsync(c));
        Assert.Contains("absorbedId", unknown.Message, StringComparison.Ordinal);

        // Nothing moved: c keeps its own history and is absorbed nowhere; a merge again is a no-op.
        Assert.Equal(3, (await ProfileAsync(c)).InteractionCount);
        Assert.Null(await Customer(c).GetAbsorbedIntoAsync());
        await Customer(a).MergeAsync(b, "explicit: retried");
        Assert.Equal([b], await Customer(a).GetAbsorbedIdsAsync());
        Assert.Equal(6, (await ProfileAsync(a)).InteractionCount);
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

    private static string NewCustomer(string role) => $"merge-{role}-{Guid.NewGuid():N}"[..24];
}
