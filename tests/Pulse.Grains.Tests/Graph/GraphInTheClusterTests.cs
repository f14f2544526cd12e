using Pulse.Analytics.Graph;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Graph;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.Graph;
using Pulse.Grains.Tests.Cluster;
using Pulse.Grains.Tests.Models;

namespace Pulse.Grains.Tests.Graph;

/// <summary>
/// The relationship graph over several silos: relationships arrive as interactions with a counterparty,
/// shards exchange PageRank residual, and what customers see must equal a from-scratch PageRank of the
/// same relationships (the kernel's power iteration, itself checked against NetworkX in the analytics tests).
/// </summary>
public sealed class GraphInTheClusterTests
{
    private static readonly DateTimeOffset Now = PulseTestCluster.Start;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Pulse:Graph:Shards"] = "8",
        ["Pulse:Graph:ReportInterval"] = "00:00:00.200",
        ["Pulse:Graph:NeighbourRefreshInterval"] = "00:00:01",
        ["Pulse:Graph:ResyncTimeout"] = "00:00:03",
        ["Pulse:Graph:AnalysisInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Influence_over_three_silos_equals_PageRank_of_the_same_relationships_and_survives_losing_a_silo()
    {
        await using var pulse = await PulseTestCluster.StartAsync(3, TimeSpan.FromHours(1), settings: Settings);
        var run = Guid.NewGuid().ToString("N")[..6];
        var reference = new RelationshipGraph();
        var random = new Random(7);
        var kinds = new[] { InteractionKind.Referral, InteractionKind.Household, InteractionKind.Mention, InteractionKind.Call };
        var batch = new List<Interaction>();
        for (var i = 0; i < 900; i++)
        {
            var from = $"{run}-c{random.Next(200)}";
            var to = $"{run}-c{random.Next(200)}";
            if (from == to)
            {
                continue;
            }

            var kind = kinds[random.Next(kinds.Length)];
            var at = Now.AddDays(-random.Next(60)).AddMinutes(-random.Next(1_000));
            batch.Add(new Interaction($"{run}-r{i}", from, at, Channel.Web, kind, CounterpartyId: to));
            reference.Strengthen(from, to, RelationshipChange.Of(batch[^1], 0, 0)!.Kind!.Value, at);
        }

        await pulse.Client.IngestAsync(batch);
        var graph = pulse.Client.GetGrain<IRelationshipGraphGrain>(0);
        var error = await Eventually.ReturnsAsync(() => ErrorAsync(graph, reference), e => e <= 1e-6, "influence to settle on PageRank", TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"L1 from PageRank: {error:E2}");

        // The most influential, in order, as a recompute ranks them.
        var exact = PageRank.Compute(reference, new PageRankOptions { Tolerance = 1e-15, MaxIterations = 2_000 });
        var expectedTop = Enumerable.Range(0, reference.Slots).OrderByDescending(v => exact.Scores[v]).Take(5).Select(reference.CustomerAt).ToList();
        var top = await graph.GetInfluencersAsync(5);
        Assert.Equal(expectedTop, top.Select(i => i.CustomerId).ToList());

        // A silo crashes with the shards it held: they rebuild from the log elsewhere, every shard resyncs,
        // and the scores come back to PageRank, with more relationships arriving meanwhile.
        var stats = await pulse.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var (victim, shardsOnVictim) = pulse.Cluster.Silos.Skip(1)
            .Select(s => (Silo: s, Shards: stats.Where(g => g.SiloAddress.Equals(s.SiloAddress) && g.GrainType.Contains(nameof(GraphShardGrain), StringComparison.Ordinal)).Sum(g => g.ActivationCount)))
            .MaxBy(p => p.Shards);
        Assert.True(shardsOnVictim > 0, "no graph shard lived on a silo that can be killed");
        await pulse.Cluster.KillSiloAsync(victim);
        var more = new List<Interaction>();
        for (var i = 0; i < 100; i++)
        {
            var from = $"{run}-c{random.Next(200)}";
            var to = $"{run}-n{i % 10}";
            more.Add(new Interaction($"{run}-m{i}", from, Now, Channel.Web, InteractionKind.Mention, CounterpartyId: to));
            reference.Strengthen(from, to, RelationshipKind.Mention, Now);
        }

        await Eventually.ReturnsAsync(() => pulse.Client.IngestAsync(more), _ => true, "the new relationships to be accepted", TimeSpan.FromSeconds(60));
        error = await Eventually.ReturnsAsync(() => ErrorAsync(graph, reference), e => e <= 1e-6, "influence to settle again after the silo left", TimeSpan.FromSeconds(90));
        var status = await graph.GetStatusAsync();
        Assert.Equal(reference.CustomerCount, status.Customers);
        Assert.Equal(reference.ArcCount, status.Arcs);
        Assert.True(status.Epoch >= 2, $"a lost shard should have caused a resync (epoch {status.Epoch})");
    }

    [Fact]
    public async Task The_graph_follows_merges_and_unmerges_as_if_the_survivor_had_both_histories()
    {
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), settings: Settings);
        var run = Guid.NewGuid().ToString("N")[..6];
        string C(int i) => $"{run}-c{i}";
        var random = new Random(11);
        var kinds = new[] { InteractionKind.Referral, InteractionKind.Household, InteractionKind.Mention, InteractionKind.Call };
        var events = new List<Interaction>();
        void Relate(string from, string to, InteractionKind kind, DateTimeOffset at) =>
            events.Add(new Interaction($"{run}-r{events.Count}", from, at, Channel.Web, kind, CounterpartyId: to));
        for (var i = 0; i < 300; i++)
        {
            var (from, to) = (random.Next(40), random.Next(40));
            if (from != to)
            {
                Relate(C(from), C(to), kinds[random.Next(kinds.Length)], Now.AddDays(-random.Next(60)).AddMinutes(-random.Next(1_000)));
            }
        }

        // The four to be merged relate to each other too: those become the survivor's relationships with itself, and go.
        Relate(C(1), C(0), InteractionKind.Household, Now.AddDays(-3));
        Relate(C(3), C(2), InteractionKind.Referral, Now.AddDays(-2));
        await pulse.Client.IngestAsync(events);
        var graph = pulse.Client.GetGrain<IRelationshipGraphGrain>(0);
        await SettlesOnAsync(graph, Reference(events, new Dictionary<string, string>()), "the graph before any merge");

        // c1 into c0, c3 into c2, then c2 (bringing c3) into c0.
        var merges = pulse.Client.GetGrain<Contracts.Merges.ICustomerMergesGrain>(0);
        await merges.MergeAsync(C(0), C(1), "explicit: test", deterministic: false);
        await merges.MergeAsync(C(2), C(3), "explicit: test", deterministic: false);
        await merges.MergeAsync(C(0), C(2), "explicit: test", deterministic: false);
        var merged = new Dictionary<string, string> { [C(1)] = C(0), [C(2)] = C(0), [C(3)] = C(0) };
        await SettlesOnAsync(graph, Reference(events, merged), "the graph after the merges");
        Assert.Null(await graph.GetNetworkAsync(C(3)));

        // Relationships keep arriving under the absorbed ids, both ways.
        Relate(C(3), $"{run}-n1", InteractionKind.Mention, Now.AddHours(-5));
        Relate($"{run}-n2", C(1), InteractionKind.Referral, Now.AddHours(-4));
        Relate(C(2), C(7), InteractionKind.Household, Now.AddHours(-3));
        await pulse.Client.IngestAsync(events[^3..]);
        await SettlesOnAsync(graph, Reference(events, merged), "the graph after relationships under absorbed ids");

        // Undoing c2's merge gives c2 its relationships and c3's back; c1's stay with c0.
        await merges.UnmergeAsync(C(0), C(2), "test");
        await SettlesOnAsync(graph, Reference(events, new Dictionary<string, string> { [C(1)] = C(0), [C(3)] = C(2) }), "the graph after the unmerge");
    }

    /// <summary>The graph a from-scratch build gives when every id in <paramref name="forwarding"/> is its survivor's.</summary>
    private static RelationshipGraph Reference(IEnumerable<Interaction> events, IReadOnlyDictionary<string, string> forwarding)
    {
        var reference = new RelationshipGraph();
        foreach (var e in events)
        {
            var (from, to) = (forwarding.GetValueOrDefault(e.CustomerId, e.CustomerId), forwarding.GetValueOrDefault(e.CounterpartyId!, e.CounterpartyId!));
            if (from != to)
            {
                reference.Strengthen(from, to, RelationshipChange.Of(e, 0, 0)!.Kind!.Value, e.Timestamp);
            }
        }

        return reference;
    }

    private static async Task SettlesOnAsync(IRelationshipGraphGrain graph, RelationshipGraph reference, string what)
    {
        await Eventually.ReturnsAsync(graph.GetStatusAsync, s => s.Customers == reference.CustomerCount && s.Arcs == reference.ArcCount, $"{what}: customers and arcs", TimeSpan.FromSeconds(30));
        var error = await Eventually.ReturnsAsync(() => ErrorAsync(graph, reference), e => e <= 1e-6, $"{what}: influence equal to PageRank", TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: L1 from PageRank {error:E2}");
    }

    [Fact]
    public async Task A_customer_sees_its_neighbours_network_value_churn_contagion_community_and_core()
    {
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), settings: Settings);
        var run = Guid.NewGuid().ToString("N")[..6];

        // Two households of four (each a clique) and a referral from one to the other.
        string Id(string name) => $"{run}-{name}";
        var a = new[] { "a1", "a2", "a3", "a4" }.Select(Id).ToArray();
        var b = new[] { "b1", "b2", "b3", "b4" }.Select(Id).ToArray();
        var events = new List<Interaction>();
        foreach (var group in new[] { a, b })
        {
            for (var i = 0; i < group.Length; i++)
            {
                for (var j = i + 1; j < group.Length; j++)
                {
                    events.Add(new Interaction($"{group[i]}-{group[j]}", group[i], Now.AddDays(-1), Channel.Web, InteractionKind.Household, CounterpartyId: group[j]));
                }
            }
        }

        events.Add(new Interaction($"{run}-ref", a[0], Now.AddDays(-1), Channel.Web, InteractionKind.Referral, CounterpartyId: b[0]));
        await pulse.Client.IngestAsync(events);

        // The customer grain is told its network (the referrer's own relationships changed).
        var profile = await Eventually.ReturnsAsync(
            () => pulse.Client.GetGrain<ICustomerGrain>(a[0]).GetProfileAsync(),
            p => p?.Network is { Degree: 4 },
            "the referrer's profile to carry its network",
            TimeSpan.FromSeconds(30));
        Assert.Contains(profile!.Network!.TopNeighbours, n => n.CustomerId == b[0] && n.Direction == "out" && n.Relationship == "referral");
        Assert.Contains(profile.Network.TopNeighbours, n => n.CustomerId == a[1] && n.Direction == "mutual" && n.Relationship == "household");

        // Neighbours' value and risk, as their customer grains report them.
        var options = new GraphOptions { Shards = 8 };
        foreach (var (id, value, risk) in new[] { (b[0], 200.0, 0.9), (a[1], 100.0, 0.1), (a[2], 50.0, 0.8), (a[3], 10.0, 0.2) })
        {
            await pulse.Client.GetGrain<IGraphShardGrain>(GraphShards.Of(id, options.Shards)).ReportCustomerAsync(id, value, risk);
        }

        // The analysis must see both households whole: 12 household edges are 24 arcs, and the referral one.
        var graph = pulse.Client.GetGrain<IRelationshipGraphGrain>(0);
        await Eventually.ReturnsAsync(graph.GetStatusAsync, s => s.Arcs == 25, "every relationship in the shards' reports", TimeSpan.FromSeconds(30));
        // A run of the analysis' own schedule may be under way (it answers −1 then): ask until this one ran.
        var analysis = pulse.Client.GetGrain<IGraphAnalysisGrain>(0);
        await Eventually.ReturnsAsync(analysis.RunAsync, found => found >= 0, "an analysis over the whole graph", TimeSpan.FromSeconds(30));
        var network = await Eventually.ReturnsAsync(
            () => graph.GetNetworkAsync(a[0]),
            n => n is { NetworkValue: not null, ChurnContagion: not null, CommunityId: not null }
                && n.TopNeighbours.All(x => x.LifetimeValue is not null && x.ChurnProbability is not null),
            "every neighbour's value and risk, and the community",
            TimeSpan.FromSeconds(30));

        // NetworkFeatures' definitions on this neighbourhood. Out-arcs of a1 (weight e each, same age):
        // a2, a3, a4 (households) and b1 (referral), shares 1/4 each.
        var relative = network!.TopNeighbours.ToDictionary(n => n.CustomerId, n => n.RelativeInfluence!.Value);
        var expectedValue = (200 * relative[b[0]] + 100 * relative[a[1]] + 50 * relative[a[2]] + 10 * relative[a[3]]) / 4;
        Assert.Equal(expectedValue, network.NetworkValue!.Value, 6);

        // Churn contagion over relationships both ways: b1 (0.9) and a3 (0.8) are at risk, of four equal weights.
        Assert.Equal(0.5, network.ChurnContagion!.Value, 9);

        // Two communities of four; in a 4-clique every member has core number 3.
        Assert.Equal(3, network.CoreNumber);
        Assert.Equal(4, network.CommunitySize);
        var other = await graph.GetNetworkAsync(b[2]);
        Assert.NotEqual(network.CommunityId, other!.CommunityId);
        Assert.Contains(network.CommunityId, a);
        Assert.Equal(2, (await graph.GetStatusAsync()).Communities);
    }

    [Fact]
    public async Task A_neighbour_who_bought_before_the_model_was_published_reports_its_value_at_its_next_event()
    {
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), settings: Settings);
        var run = Guid.NewGuid().ToString("N")[..6];
        var (referrer, buyer) = ($"{run}-referrer", $"{run}-buyer");
        await pulse.Client.IngestAsync([
            Interactions.Make(buyer, $"{run}-p1", Now.AddDays(-60), InteractionKind.Purchase, amount: 30m),
            Interactions.Make(buyer, $"{run}-p2", Now.AddDays(-30), InteractionKind.Purchase, amount: 50m),
            new Interaction($"{run}-ref", referrer, Now.AddDays(-20), Channel.Web, InteractionKind.Referral, CounterpartyId: buyer),
        ]);
        var graph = pulse.Client.GetGrain<IRelationshipGraphGrain>(0);
        await Eventually.ReturnsAsync(() => graph.GetNetworkAsync(referrer), n => n is { Degree: 1 }, "the referral in the graph", TimeSpan.FromSeconds(30));

        // Published after the buyer's purchases were applied: the buyer's stored value was empty until now.
        var published = await pulse.Client.GetGrain<IModelRegistryGrain>(ModelNames.Clv).PublishClvAsync(CdnowClvModel.Make());
        var customer = pulse.Client.GetGrain<ICustomerGrain>(buyer);

        // A page view is no purchase, yet the buyer is scored with the new model and tells its shard.
        var view = 0;
        var neighbour = await Eventually.ReturnsAsync(
            async () =>
            {
                await pulse.Client.IngestAsync([Interactions.Make(buyer, $"{run}-view{view++}", Now)]);
                return (await graph.GetNetworkAsync(referrer))?.TopNeighbours.SingleOrDefault(n => n.CustomerId == buyer);
            },
            n => n?.LifetimeValue is not null,
            "the buyer's value in the referrer's network",
            TimeSpan.FromSeconds(30));
        var stored = await customer.GetStoredValueAsync();
        Assert.Equal(published.Version, stored!.ModelVersion);
        Assert.Equal(stored.LifetimeValue, neighbour!.LifetimeValue!.Value, stored.LifetimeValue * 0.01);
    }

    [Fact]
    public async Task A_relationship_end_removes_the_edge_and_the_scores_follow()
    {
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), settings: Settings);
        var run = Guid.NewGuid().ToString("N")[..6];
        var hub = $"{run}-hub";
        var reference = new RelationshipGraph();
        var events = new List<Interaction>();
        for (var i = 0; i < 20; i++)
        {
            var fan = $"{run}-f{i}";
            events.Add(new Interaction($"{run}-m{i}", fan, Now, Channel.Web, InteractionKind.Mention, CounterpartyId: hub));
            reference.Strengthen(fan, hub, RelationshipKind.Mention, Now);
        }

        await pulse.Client.IngestAsync(events);
        var graph = pulse.Client.GetGrain<IRelationshipGraphGrain>(0);
        await Eventually.ReturnsAsync(() => ErrorAsync(graph, reference), e => e <= 1e-6, "influence to settle", TimeSpan.FromSeconds(30));
        Assert.Equal(hub, (await graph.GetInfluencersAsync(1))[0].CustomerId);

        // Half the fans take their mention back.
        var ends = Enumerable.Range(0, 10).Select(i => new Interaction(
            $"{run}-end{i}", $"{run}-f{i}", Now.AddMinutes(1), Channel.Web, InteractionKind.RelationshipEnd, CounterpartyId: hub,
            Properties: new Dictionary<string, string> { ["relationship"] = "mention" })).ToList();
        foreach (var end in ends)
        {
            reference.Remove(end.CustomerId, hub, RelationshipKind.Mention);
        }

        await pulse.Client.IngestAsync(ends);
        await Eventually.ReturnsAsync(() => ErrorAsync(graph, reference), e => e <= 1e-6, "influence to follow the removals", TimeSpan.FromSeconds(30));
        Assert.Equal(10, (await graph.GetNetworkAsync(hub))!.Degree);
        Assert.Equal(0, (await graph.GetNetworkAsync($"{run}-f0"))!.Degree);
    }

    /// <summary>L1 distance between the customers' influence in the cluster and a converged PageRank of the reference.</summary>
    private static async Task<double> ErrorAsync(IRelationshipGraphGrain graph, RelationshipGraph reference)
    {
        var exact = PageRank.Compute(reference, new PageRankOptions { Tolerance = 1e-15, MaxIterations = 2_000 }).Scores;
        var error = 0.0;
        var tasks = Enumerable.Range(0, reference.Slots).Where(reference.IsActive)
            .Select(async v => (v, Network: await graph.GetNetworkAsync(reference.CustomerAt(v), 0)))
            .ToList();
        foreach (var (v, network) in await Task.WhenAll(tasks))
        {
            // A customer whose relationships all ended is still in the graph, with its teleport share.
            error += Math.Abs((network?.Influence ?? double.NaN) - exact[v]);
        }

        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
