using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class RelationshipGraphTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnEdgeHalvesEachHalfLifeAndGainsOneAnEvent()
    {
        // The rule applied by hand: w ← w·2^(−Δt/h) + 1 at each event, w·2^(−Δt/h) in between.
        var graph = new RelationshipGraph(new RelationshipGraphOptions { HalfLife = TimeSpan.FromDays(10) });
        double[] days = [0, 5, 5, 30, 31.5];
        var expected = 0.0;
        var last = 0.0;
        foreach (var day in days)
        {
            expected = expected * Math.Pow(2, -(day - last) / 10) + 1;
            last = day;
            var weight = graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0.AddDays(day));
            Assert.Equal(expected, weight, 12);
        }

        Assert.Equal(expected / 2, graph.WeightAt("ann", "bob", RelationshipKind.Referral, T0.AddDays(41.5)), 12);
        Assert.Equal(expected * 4, graph.WeightAt("ann", "bob", RelationshipKind.Referral, T0.AddDays(11.5)), 12);
        Assert.Equal(0, graph.WeightAt("bob", "ann", RelationshipKind.Referral, T0));
        Assert.Equal(0, graph.WeightAt("ann", "bob", RelationshipKind.Mention, T0));
    }

    [Fact]
    public void EventsGiveTheSameWeightsInAnyOrder()
    {
        var random = new Random(1);
        var events = Enumerable.Range(0, 200).Select(_ => (From: random.Next(10), To: random.Next(10), Day: random.NextDouble() * 365)).ToArray();
        var inOrder = new RelationshipGraph();
        var shuffled = new RelationshipGraph();
        foreach (var e in events.OrderBy(e => e.Day))
        {
            inOrder.Strengthen($"c{e.From}", $"c{e.To}", RelationshipKind.Mention, T0.AddDays(e.Day));
        }

        foreach (var e in events)
        {
            shuffled.Strengthen($"c{e.From}", $"c{e.To}", RelationshipKind.Mention, T0.AddDays(e.Day));
        }

        Assert.Equal(inOrder.EdgeCount, shuffled.EdgeCount);
        for (var u = 0; u < 10; u++)
        {
            for (var v = 0; v < 10; v++)
            {
                var a = inOrder.WeightAt($"c{u}", $"c{v}", RelationshipKind.Mention, T0.AddDays(400));
                var b = shuffled.WeightAt($"c{u}", $"c{v}", RelationshipKind.Mention, T0.AddDays(400));
                Assert.Equal(a, b, 1e-12 * Math.Max(1, a));
            }
        }
    }

    [Fact]
    public void AHouseholdIsMutualAndAReferralIsNot()
    {
        var graph = new RelationshipGraph();
        graph.Strengthen("ann", "bob", RelationshipKind.Household, T0);
        graph.Strengthen("bob", "ann", RelationshipKind.Household, T0);
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0);

        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(3, graph.ArcCount);
        Assert.Equal(2, graph.WeightAt("ann", "bob", RelationshipKind.Household, T0));
        Assert.Equal(2, graph.WeightAt("bob", "ann", RelationshipKind.Household, T0));
        Assert.Equal(0, graph.WeightAt("bob", "ann", RelationshipKind.Referral, T0));
        Assert.Equal(2, graph.OutDegree(0));
        Assert.Equal(1, graph.InDegree(0));
        Assert.Equal(3, graph.Degree(0));
        Assert.Equal(5, graph.WeightedDegree(0, T0), 12);

        // Either direction removes the household; the referral stays.
        Assert.True(graph.Remove("bob", "ann", RelationshipKind.Household));
        Assert.False(graph.Remove("ann", "bob", RelationshipKind.Household));
        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(1, graph.ArcCount);
        Assert.Equal(1, graph.WeightAt("ann", "bob", RelationshipKind.Referral, T0));
    }

    [Fact]
    public void AnUndirectedGraphHasNoDirection()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0);
        graph.Strengthen("bob", "ann", RelationshipKind.Referral, T0);
        graph.Strengthen("ann", "ann", RelationshipKind.Mention, T0);

        Assert.False(graph.IsDirected);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(3, graph.ArcCount);
        Assert.Equal(2, graph.WeightAt("bob", "ann", RelationshipKind.Referral, T0));
        Assert.Equal(2, graph.Degree(0));
        Assert.Equal(1, graph.Degree(1));
    }

    [Fact]
    public void ErasingACustomerRemovesEveryEdgeAndFreesTheSlot()
    {
        var graph = new RelationshipGraph();
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0);
        graph.Strengthen("cat", "ann", RelationshipKind.Mention, T0);
        graph.Strengthen("ann", "dan", RelationshipKind.Household, T0);
        graph.Strengthen("bob", "cat", RelationshipKind.Referral, T0);

        Assert.Equal(3, graph.RemoveCustomer("ann"));
        Assert.Equal(0, graph.RemoveCustomer("ann"));
        Assert.False(graph.TryGetSlot("ann", out _));
        Assert.False(graph.IsActive(0));
        Assert.Equal(3, graph.CustomerCount);
        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(1, graph.ArcCount);
        Assert.Equal(0, graph.OutDegree(3) + graph.InDegree(3));
        Assert.Empty(graph.RelationshipsOf("dan", T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.CustomerAt(0));

        // The freed slot goes to the next newcomer.
        Assert.Equal(0, graph.AddCustomer("eve"));
        Assert.Equal(4, graph.Slots);
    }

    [Fact]
    public void RelationshipsAreListedBothWaysWithTheirWeightsThen()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { HalfLife = TimeSpan.FromDays(30) });
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0);
        graph.Strengthen("cat", "ann", RelationshipKind.Mention, T0);
        graph.Strengthen("ann", "dan", RelationshipKind.Household, T0);

        var listed = graph.RelationshipsOf("ann", T0.AddDays(30)).OrderBy(r => r.Kind).ToArray();

        Assert.Equal(
            [
                new Relationship("ann", "bob", RelationshipKind.Referral, 0.5),
                new Relationship("ann", "dan", RelationshipKind.Household, 0.5),
                new Relationship("cat", "ann", RelationshipKind.Mention, 0.5),
            ],
            listed);
    }

    [Fact]
    public void PruningDropsFadedEdges()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { HalfLife = TimeSpan.FromDays(10) });
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0);
        graph.Strengthen("ann", "cat", RelationshipKind.Household, T0.AddDays(60));

        // At day 70 the referral weighs 2^-7 < 0.01, the household 0.5.
        Assert.Equal(1, graph.Prune(T0.AddDays(70), 0.01));
        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(2, graph.ArcCount);
        Assert.Equal(0, graph.Prune(T0.AddDays(70), 0.01));
    }

    [Fact]
    public void TheLandmarkMovesAndTheWeightsStay()
    {
        // One-day half-life: an event 500 days after the first would weigh 2^500 as of the landmark, past the
        // 2^300 at which the landmark moves (to that event). Weights in event units stay as they were; an
        // edge 1,000 half-lives old (2^-1000) falls below what a double should carry and goes.
        var graph = new RelationshipGraph(new RelationshipGraphOptions { HalfLife = TimeSpan.FromDays(1) });
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0);
        graph.Strengthen("ann", "cat", RelationshipKind.Referral, T0.AddDays(500));
        using var live = new IncrementalPageRank(graph);
        graph.Strengthen("bob", "cat", RelationshipKind.Referral, T0.AddDays(600));

        Assert.Equal(T0.AddDays(500).UtcTicks, graph.LandmarkTicks);
        Assert.Equal(Math.Pow(2, -600), graph.WeightAt("ann", "bob", RelationshipKind.Referral, T0.AddDays(600)), 1e-12 * Math.Pow(2, -600));
        Assert.Equal(Math.Pow(2, -100), graph.WeightAt("ann", "cat", RelationshipKind.Referral, T0.AddDays(600)), 1e-12 * Math.Pow(2, -100));
        Assert.Equal(1, graph.WeightAt("bob", "cat", RelationshipKind.Referral, T0.AddDays(600)));

        graph.Strengthen("cat", "dan", RelationshipKind.Referral, T0.AddDays(1_000));
        Assert.Equal(T0.AddDays(1_000).UtcTicks, graph.LandmarkTicks);
        Assert.Equal(0, graph.WeightAt("ann", "bob", RelationshipKind.Referral, T0.AddDays(1_000)));
        Assert.Equal(3, graph.EdgeCount);
        live.Flush();
        Assert.InRange(DefinitionPageRank.L1(live.Scores(), PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15 }).Scores), 0, 1e-7);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var graph = new RelationshipGraph();
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Strengthen("ann", "bob", RelationshipKind.Referral, T0, amount: 0));
        Assert.Throws<ArgumentException>(() => graph.AddCustomer(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelationshipGraph(new RelationshipGraphOptions { HalfLife = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Strengthen(0, 5, RelationshipKind.Referral, T0.UtcTicks));
        Assert.False(graph.Remove("ann", "zed", RelationshipKind.Referral));
    }
}
