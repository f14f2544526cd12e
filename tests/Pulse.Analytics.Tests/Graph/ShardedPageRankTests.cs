using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

/// <summary>PageRank computed over a graph split by customer across shards, as the graph grains run it.</summary>
public sealed class ShardedPageRankTests
{
    [Fact]
    public void KarateClubOverFourShardsEqualsNetworkX()
    {
        // Reference: NetworkX 3.6.1 pagerank(G, alpha=0.85) converged (Data/graphs/karate-club/SOURCE.md).
        var whole = GraphFiles.Karate();
        using var sharded = new ShardedGraph(4, whole.Options);
        foreach (var (from, to) in Edges(whole))
        {
            sharded.Strengthen(from, to, RelationshipKind.Other, GraphFiles.At.UtcTicks);
        }

        sharded.Settle();
        var scores = sharded.Scores();
        var reference = GraphFiles.KarateReference().Converged;
        var error = Enumerable.Range(0, 34).Sum(v => Math.Abs(scores[(v + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] - reference[v]));
        Assert.InRange(error, 0, 1e-6);
        Assert.All(Enumerable.Range(0, 4), s => Assert.True(sharded.Ranks[s].EstimateSum > 0, $"shard {s} holds no one"));
    }

    [Fact]
    public void EmailGraphOverEightShardsEqualsNetworkX()
    {
        // Reference: NetworkX 3.6.1 on SNAP email-Eu-core, directed, dangling rank spread uniformly (its SOURCE.md).
        var whole = GraphFiles.Email();
        using var sharded = new ShardedGraph(8, whole.Options);
        foreach (var (from, to) in Edges(whole))
        {
            sharded.Strengthen(from, to, RelationshipKind.Other, GraphFiles.At.UtcTicks);
        }

        // People with no arcs at all are customers too: each shard learns of its own.
        for (var v = 0; v < whole.Slots; v++)
        {
            var id = whole.CustomerAt(v);
            var owner = sharded.Owner(id);
            sharded.Graphs[owner].AddCustomer(id);
            sharded.Whole.AddCustomer(id);
        }

        var rounds = sharded.Settle();
        var scores = sharded.Scores();
        var reference = GraphFiles.EmailReference().Converged;
        var error = Enumerable.Range(0, whole.Slots).Sum(v => Math.Abs(scores[whole.CustomerAt(v)] - reference[v]));
        TestContext.Current.TestOutputHelper?.WriteLine($"L1 {error:E2} after {rounds} rounds, {sharded.Messages} residual messages");
        Assert.InRange(error, 0, 1e-6);
    }

    [Fact]
    public void TenThousandRandomInsertsAndDeletesAcrossShardsStayWithinOneMillionthOfARecompute()
    {
        var options = new RelationshipGraphOptions();
        using var sharded = new ShardedGraph(6, options);
        var random = new Random(21);
        var kinds = Enum.GetValues<RelationshipKind>();
        var start = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var live = new List<(string From, string To, RelationshipKind Kind)>();
        for (var i = 0; i < 3_000; i++)
        {
            AddRandom();
        }

        sharded.Settle();
        for (var change = 1; change <= 10_000; change++)
        {
            if (change % 2 == 1 || live.Count == 0)
            {
                AddRandom();
            }
            else
            {
                var at = random.Next(live.Count);
                var (from, to, kind) = live[at];
                live[at] = live[^1];
                live.RemoveAt(live.Count - 1);
                sharded.Remove(from, to, kind);
            }

            // Small batches, as the grains flush them.
            if (change % 10 == 0)
            {
                sharded.Settle();
            }

            if (change % 2_500 == 0)
            {
                var error = sharded.ErrorAgainstWhole();
                TestContext.Current.TestOutputHelper?.WriteLine($"after {change}: L1 {error:E2}; {sharded.Whole.CustomerCount} customers, {sharded.Whole.ArcCount} arcs");
                Assert.InRange(error, 0, 1e-6);
            }
        }

        void AddRandom()
        {
            var from = $"c{random.Next(800)}";
            var to = $"c{random.Next(800)}";
            var kind = kinds[random.Next(kinds.Length)];
            var ticks = start.AddHours(random.Next(24 * 90)).UtcTicks;
            sharded.Strengthen(from, to, kind, ticks);
            if (!live.Contains((from, to, kind)))
            {
                live.Add((from, to, kind));
            }
        }
    }

    [Fact]
    public void AShardThatRestartsColdIsBroughtBackByAResyncOfAll()
    {
        var options = new RelationshipGraphOptions();
        using var sharded = new ShardedGraph(4, options);
        var random = new Random(5);
        var at = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 4_000; i++)
        {
            sharded.Strengthen($"c{random.Next(1_000)}", $"c{random.Next(1_000)}", RelationshipKind.Mention, at);
        }

        sharded.Settle();
        Assert.InRange(sharded.ErrorAgainstWhole(), 0, 1e-6);

        // The lost shard starts from zero; the others still carry flows that its old estimates sent them.
        sharded.Restart(2);
        sharded.Settle();
        var stale = sharded.ErrorAgainstWhole();
        Assert.True(stale > 1e-3, $"a cold shard next to warm ones should be visibly wrong before the resync, was {stale:E2}");

        sharded.ResyncAll();
        sharded.Settle();
        Assert.InRange(sharded.ErrorAgainstWhole(), 0, 1e-6);
    }

    [Fact]
    public void AResidualForACustomerNotYetSeenAddsTheCustomer()
    {
        var graph = new RelationshipGraph();
        using var rank = IncrementalPageRank.ForShard(graph, id => id.StartsWith('a'));
        rank.ReceiveResidual("a1", 0.5);
        rank.Flush();
        Assert.True(graph.TryGetSlot("a1", out var slot));
        Assert.Equal(1.5, rank.Estimate(slot), 12);
        Assert.Throws<ArgumentException>(() => rank.ReceiveResidual("b1", 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => rank.ReceiveResidual("a2", double.NaN));
    }

    private static IEnumerable<(string From, string To)> Edges(RelationshipGraph graph)
    {
        for (var v = 0; v < graph.Slots; v++)
        {
            var id = graph.CustomerAt(v);
            foreach (var relationship in graph.RelationshipsOf(id, GraphFiles.At))
            {
                // Each undirected edge appears at both ends; a directed arc once at its source.
                if (relationship.From == id && (graph.IsDirected || string.CompareOrdinal(relationship.From, relationship.To) <= 0))
                {
                    yield return (relationship.From, relationship.To);
                }
            }
        }
    }
}
