using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class IncrementalPageRankTests
{
    private static readonly PageRankOptions Converged = new() { Tolerance = 1e-15, MaxIterations = 2_000 };

    [Fact]
    public void TenThousandRandomInsertsAndDeletesStayWithinOneMillionthOfARecompute()
    {
        // 2,000 customers, 8,000 edges (a fifth of them mutual households), then 10,000 changes, each flushed
        // on its own as a live edge would be: half new or strengthened edges between random customers (one
        // in fifty to a new customer), half removals of a random existing edge. Checked against a
        // from-scratch power iteration to 1e-15 every 2,500 changes.
        var graph = PreferentialAttachment.Generate(2_000, 4, seed: 11);
        using var live = new IncrementalPageRank(graph);
        var random = new Random(12);
        var view = new QuikGraphView(graph);
        var kinds = Enum.GetValues<RelationshipKind>();
        var start = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var newcomers = 0;
        var worst = 0.0;
        for (var change = 1; change <= 10_000; change++)
        {
            if (change % 2 == 1)
            {
                var from = random.Next(50) == 0 ? graph.AddCustomer($"new{newcomers++}") : RandomCustomer(graph, random);
                var at = start.AddHours(random.Next(24 * 90)).UtcTicks;
                graph.Strengthen(from, RandomCustomer(graph, random), kinds[random.Next(kinds.Length)], at);
            }
            else
            {
                int from;
                do
                {
                    from = RandomCustomer(graph, random);
                }
                while (graph.OutDegree(from) == 0);

                var arc = view.OutEdge(from, random.Next(graph.OutDegree(from)));
                Assert.True(graph.Remove(from, arc.Target, arc.Kind));
            }

            live.Flush();
            if (change % 2_500 == 0)
            {
                var error = DefinitionPageRank.L1(live.Scores(), PageRank.Compute(graph, Converged).Scores);
                TestContext.Current.TestOutputHelper?.WriteLine($"after {change}: L1 {error:E2}, bound from residuals {live.ErrorBound():E2}, worst case {live.WorstCaseError:E2}");
                Assert.InRange(error, 0, 1e-6);
                Assert.InRange(error, 0, live.ErrorBound());
                worst = Math.Max(worst, error);
            }
        }

        // Ten thousand local updates leave the kept residuals where the invariant puts them, to rounding.
        Assert.InRange(live.InvariantDrift(), 0, 1e-9);
        TestContext.Current.TestOutputHelper?.WriteLine($"worst L1 {worst:E2}; {graph.CustomerCount} customers, {graph.ArcCount} arcs; {live.TotalPushes / 10_000.0:F0} pushes a change");
    }

    [Fact]
    public void SingleEdgeUpdatesCostLessThanATenthOfARecomputeOnAMillionEdges()
    {
        // 100,000 customers and 1,000,000 edges (preferential attachment, 1.2 million arcs with the mutual
        // households). The yardstick is a from-scratch power iteration run until it is as accurate as the
        // incremental scores (about 15 iterations; 19 to converge to 1e-9): its visits of customers and
        // arcs against the incremental's queue visits and arcs scanned, and its customer visits against pushes.
        var graph = PreferentialAttachment.Generate(100_000, 10, seed: 1);
        var tight = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-14, MaxIterations = 1_000 });
        using var live = new IncrementalPageRank(graph, start: tight);
        var random = new Random(2);
        var view = new QuikGraphView(graph);
        var at = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        const int changes = 40;
        long work = 0, pushes = 0;
        for (var change = 0; change < changes; change++)
        {
            if (change % 2 == 0)
            {
                graph.Strengthen(random.Next(graph.Slots), random.Next(graph.Slots), RelationshipKind.Mention, at);
            }
            else
            {
                var from = random.Next(graph.Slots);
                var arc = view.OutEdge(from, random.Next(graph.OutDegree(from)));
                graph.Remove(from, arc.Target, arc.Kind);
            }

            var flushed = live.Flush();
            work += flushed.Work;
            pushes += flushed.Pushes;
        }

        var reference = PageRank.Compute(graph, Converged);
        var error = DefinitionPageRank.L1(live.Scores(), reference.Scores);
        var iterations = 1;
        while (DefinitionPageRank.L1(PageRank.Compute(graph, new PageRankOptions { Tolerance = 0, MaxIterations = iterations }).Scores, reference.Scores) > error)
        {
            iterations++;
        }

        var recompute = (double)iterations * (graph.CustomerCount + graph.ArcCount);
        var workRatio = work / (double)changes / recompute;
        var pushRatio = pushes / (double)changes / (iterations * (double)graph.CustomerCount);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"L1 {error:E2}; a recompute that accurate: {iterations} iterations, {recompute:E3} visits; per change {work / (double)changes:E3} visits ({workRatio:F4}), {pushes / (double)changes:F0} pushes ({pushRatio:F4})");
        Assert.InRange(error, 0, 1e-6);
        Assert.InRange(workRatio, 0, 0.1);
        Assert.InRange(pushRatio, 0, 0.1);
    }

    [Fact]
    public void KarateClubBuiltEdgeByEdgeMatchesNetworkX()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        using var live = new IncrementalPageRank(graph);
        var karate = GraphFiles.Karate();
        for (var v = 1; v <= 34; v++)
        {
            graph.AddCustomer(GraphFiles.Id(v));
        }

        foreach (var (from, to, _) in GraphFiles.Arcs(karate).Where(a => a.From < a.To))
        {
            graph.Strengthen(from, to, RelationshipKind.Other, GraphFiles.At.UtcTicks);
            live.Flush();
        }

        var (_, converged) = GraphFiles.KarateReference();
        Assert.InRange(DefinitionPageRank.L1(live.Scores(), converged), 0, 1e-7);
    }

    [Fact]
    public void NewAndErasedCustomersAreFollowed()
    {
        var graph = GraphFiles.Email();
        using var live = new IncrementalPageRank(graph);
        graph.Strengthen("newcomer", "0", RelationshipKind.Referral, GraphFiles.At);
        graph.AddCustomer("loner");
        live.Flush();
        AssertFollows(live, graph);

        // Erasing a sender and a receiver frees their slots; the next customer takes one of them.
        Assert.True(graph.RemoveCustomer("160") > 0);
        Assert.True(graph.RemoveCustomer("newcomer") > 0);
        live.Flush();
        Assert.Equal(0, live.Score("160"));
        AssertFollows(live, graph);

        graph.Strengthen("late", "1", RelationshipKind.Mention, GraphFiles.At);
        live.Flush();
        Assert.True(graph.TryGetSlot("late", out var slot) && slot is 160 or 1005);
        AssertFollows(live, graph);
    }

    [Fact]
    public void CustomersBecomingAndCeasingToBeDanglingAreFollowed()
    {
        // a → b is a's only arc: removing it makes a dangling (its rank then spreads over everyone);
        // adding it back, and then a first arc for a customer that had none, undoes and redoes that.
        var graph = GraphFiles.Karate();
        var directed = new RelationshipGraph(new RelationshipGraphOptions { MutualKinds = new HashSet<RelationshipKind>() });
        foreach (var (from, to, _) in GraphFiles.Arcs(graph))
        {
            directed.Strengthen(GraphFiles.Id(from + 1), GraphFiles.Id(to + 1), RelationshipKind.Referral, GraphFiles.At);
        }

        directed.Strengthen("loner", "1", RelationshipKind.Referral, GraphFiles.At);
        using var live = new IncrementalPageRank(directed);
        void Check() => AssertFollows(live, directed);

        Assert.True(directed.Remove("loner", "1", RelationshipKind.Referral));
        live.Flush();
        Check();
        directed.Strengthen("loner", "34", RelationshipKind.Referral, GraphFiles.At);
        live.Flush();
        Check();
        foreach (var neighbour in directed.RelationshipsOf("12", GraphFiles.At).Where(r => r.From == "12").ToArray())
        {
            directed.Remove("12", neighbour.To, neighbour.Kind);
        }

        live.Flush();
        Assert.Equal(0, directed.OutDegree(directed.TryGetSlot("12", out var twelve) ? twelve : -1));
        Check();
    }

    [Fact]
    public void AnEventLongAfterTheLastOneIsFollowed()
    {
        // Two years on, one event outweighs all of a customer's old, decayed arcs (2^(730/90) ≈ 280 times
        // one): the update corrects each arc's flow rather than rescaling the customer's estimate.
        var graph = PreferentialAttachment.Generate(1_000, 5, seed: 3);
        using var live = new IncrementalPageRank(graph);
        var later = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        graph.Strengthen("c900", "c3", RelationshipKind.Mention, later);
        graph.Strengthen("c10", "c999", RelationshipKind.Mention, later);
        live.Flush();
        AssertFollows(live, graph);
    }

    [Fact]
    public void ABatchIsFlushedAtOnce()
    {
        var graph = PreferentialAttachment.Generate(3_000, 5, seed: 5);
        using var live = new IncrementalPageRank(graph);
        var random = new Random(6);
        for (var i = 0; i < 100; i++)
        {
            graph.Strengthen(random.Next(graph.Slots), random.Next(graph.Slots), RelationshipKind.CallTransfer, GraphFiles.At.AddDays(200).UtcTicks);
        }

        Assert.Equal(100, live.PendingChanges);
        var flushed = live.Flush();
        Assert.Equal(100, flushed.Changes);
        Assert.Equal(0, live.PendingChanges);
        Assert.True(flushed.Touched > 0 && flushed.Touched == live.LastTouched.Count);
        AssertFollows(live, graph);
    }

    [Fact]
    public void ABatchThatReachesMostCustomersIsSweptToTheSameGuarantees()
    {
        // 300 random changes on 3,000 customers at ε = 1e-7 spread over nearly everyone: the flush sweeps the
        // slots in order rather than draining the queue, and must leave what the queue leaves (every residual
        // under its threshold, the invariant, the error) and a queue that the next flush drains as before.
        var graph = PreferentialAttachment.Generate(3_000, 5, seed: 7);
        using var live = new IncrementalPageRank(graph);
        var random = new Random(8);
        ChangeAtRandom(graph, random, 300);
        var flushed = live.Flush();
        Assert.True(live.TotalSweeps > 0, "a batch this wide should have been swept");
        Assert.Equal(0, live.OverThreshold());
        Assert.Equal(flushed.Touched, live.LastTouched.Distinct().Count());
        Assert.InRange(live.InvariantDrift(), 0, 1e-9);
        AssertFollows(live, graph);

        ChangeAtRandom(graph, random, 3);
        live.Flush();
        Assert.Equal(0, live.OverThreshold());
        AssertFollows(live, graph);
    }

    [Fact]
    public void AWorkBudgetStopsSweepsTooAndTheNextFlushesFinish()
    {
        // A budget below one sweep's scan of the slots: the flush stops after that sweep with pushes left
        // queued, and further flushes, each as bounded, end where an unbounded one would.
        var graph = PreferentialAttachment.Generate(3_000, 5, seed: 7);
        using var live = new IncrementalPageRank(graph);
        ChangeAtRandom(graph, new Random(8), 300);
        var first = live.Flush(maxWork: 1_000);
        Assert.True(live.TotalSweeps == 1, $"one sweep expected, {live.TotalSweeps} taken");
        Assert.True(live.HasPendingPushes);
        Assert.InRange(first.Work, 1_000, 1_000 + (3 * graph.Slots) + graph.ArcCount);
        for (var turn = 0; turn < 1_000 && live.HasPendingPushes; turn++)
        {
            live.Flush(maxWork: 1_000);
        }

        Assert.False(live.HasPendingPushes);
        Assert.Equal(0, live.OverThreshold());
        Assert.InRange(live.InvariantDrift(), 0, 1e-9);
        AssertFollows(live, graph);
    }

    [Fact]
    public void AShardSweepsOnlyItsOwnCustomers()
    {
        // A third of the customers are this shard's. Whatever a sweep sends to the others' customers must wait
        // in the outbox, never be pushed on from here: a push of theirs would move this shard's residuals away
        // from what the invariant gives, which the drift shows.
        var graph = PreferentialAttachment.Generate(3_000, 5, seed: 9);
        static bool Owns(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 3 == 0;
        using var shard = IncrementalPageRank.ForShard(graph, Owns);
        Assert.InRange(shard.InvariantDrift(), 0, 1e-9);
        ChangeAtRandom(graph, new Random(10), 600);
        shard.Flush();
        Assert.True(shard.TotalSweeps > 0, "a batch this wide should have been swept");
        Assert.Equal(0, shard.OverThreshold());
        Assert.InRange(shard.InvariantDrift(), 0, 1e-9);
        var outbox = shard.DrainOutbox();
        Assert.NotEmpty(outbox);
        Assert.All(outbox, sent => Assert.False(Owns(sent.Key), $"{sent.Key} is the shard's own"));
        Assert.All(Enumerable.Range(0, graph.Slots).Where(v => !Owns(graph.CustomerAt(v))), v => Assert.Equal(0, shard.Estimate(v)));
    }

    [Fact]
    public void AGatheringDrainKeepsWhatIsBelowTheCustomersOwnThresholdAndCountsIt()
    {
        // Only "a" is this shard's. a pushes to b (two more arcs, so 1 + 3 = 4 as seen here) and to c (none).
        var graph = new RelationshipGraph();
        var at = DateTimeOffset.UnixEpoch;
        graph.Strengthen("a", "b", RelationshipKind.Mention, at);
        graph.Strengthen("a", "c", RelationshipKind.Mention, at);
        graph.Strengthen("b", "x", RelationshipKind.Mention, at);
        graph.Strengthen("b", "y", RelationshipKind.Mention, at);
        graph.Strengthen("b", "z", RelationshipKind.Mention, at);
        var options = new IncrementalPageRankOptions { Threshold = 1e-3 };
        using var shard = IncrementalPageRank.ForShard(graph, id => id == "a", options);
        shard.Flush();
        var mass = shard.ResidualMass();

        // Pushing a's starting residual of 1 sends α/2 = 0.425 to each of b and c. With a gather of 200, c's
        // bar is 200·ε·(1 + 0) = 0.2 (it goes) and b's is 200·ε·(1 + 3) = 0.8 (it stays).
        var drained = shard.DrainOutbox(gather: 200).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["c"], drained.Keys);
        Assert.Equal(0.425, drained["c"], 9);
        Assert.Equal(mass - Math.Abs(drained["c"]), shard.ResidualMass(), 12);

        // What stayed goes with an ungathered drain, and nothing is left.
        var rest = shard.DrainOutbox();
        Assert.Equal(["b"], rest.Select(p => p.Key));
        Assert.Equal(drained["c"], rest[0].Value, 12);
    }

    [Fact]
    public void ResyncKeepsTheScores()
    {
        var graph = GraphFiles.Email();
        using var live = new IncrementalPageRank(graph);
        var before = live.Scores();
        live.Resync();
        live.Flush();
        Assert.InRange(DefinitionPageRank.L1(before, live.Scores()), 0, 1e-7);
    }

    [Fact]
    public void ADisposedTrackerNoLongerFollowsTheGraph()
    {
        var graph = GraphFiles.Karate();
        var live = new IncrementalPageRank(graph);
        live.Dispose();
        graph.Strengthen("1", "2", RelationshipKind.Other, GraphFiles.At);
        Assert.Equal(0, live.PendingChanges);
        Assert.Throws<ObjectDisposedException>(() => live.Flush());
    }

    /// <summary>The scores are within what the residuals guarantee of a converged recompute, and within 1e-6.</summary>
    private static void AssertFollows(IncrementalPageRank live, RelationshipGraph graph)
    {
        var error = DefinitionPageRank.L1(live.Scores(), PageRank.Compute(graph, Converged).Scores);
        Assert.InRange(error, 0, Math.Min(1e-6, live.ErrorBound()));
    }

    /// <summary>Half new or strengthened mentions between random customers, half removals of a random edge.</summary>
    private static void ChangeAtRandom(RelationshipGraph graph, Random random, int changes)
    {
        var view = new QuikGraphView(graph);
        for (var i = 0; i < changes; i++)
        {
            if (i % 2 == 0)
            {
                graph.Strengthen(RandomCustomer(graph, random), RandomCustomer(graph, random), RelationshipKind.Mention, GraphFiles.At.AddDays(200).UtcTicks);
                continue;
            }

            int from;
            do
            {
                from = RandomCustomer(graph, random);
            }
            while (graph.OutDegree(from) == 0);

            var arc = view.OutEdge(from, random.Next(graph.OutDegree(from)));
            graph.Remove(from, arc.Target, arc.Kind);
        }
    }

    private static int RandomCustomer(RelationshipGraph graph, Random random)
    {
        int slot;
        do
        {
            slot = random.Next(graph.Slots);
        }
        while (!graph.IsActive(slot));

        return slot;
    }
}
