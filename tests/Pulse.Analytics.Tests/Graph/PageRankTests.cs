using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class PageRankTests
{
    [Fact]
    public void KarateClubMatchesNetworkX()
    {
        // karate_pagerank_reference.csv (Data/graphs/karate-club/SOURCE.md): NetworkX 3.6.1's reference
        // implementation with alpha 0.85, tol 1e-6, max_iter 100, uniform start and teleport, no weights
        // (column 3), and the same iterated to tol 1e-15 (column 4). Same parameters here.
        var graph = GraphFiles.Karate();
        var (networkX, converged) = GraphFiles.KarateReference();

        var result = PageRank.Compute(graph);
        var tight = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15, MaxIterations = 1_000 });

        Assert.True(result.Converged);
        Assert.InRange(DefinitionPageRank.L1(result.Scores, networkX), 0, 1e-12);
        Assert.InRange(DefinitionPageRank.L1(tight.Scores, converged), 0, 1e-12);
        Assert.Equal(1, tight.Scores.Sum(), 12);

        // Member 34 (the officer), then 1 (the instructor), then 33: NetworkX's top three.
        var top = tight.Scores.Select((s, slot) => (s, slot)).OrderByDescending(p => p.s).Take(3).Select(p => p.slot + 1);
        Assert.Equal([34, 1, 33], top);
    }

    [Fact]
    public void KarateClubMatchesAPowerIterationWrittenFromTheDefinition()
    {
        var graph = GraphFiles.Karate();
        var arcs = GraphFiles.Arcs(graph);
        Assert.Equal(156, arcs.Count);

        var reference = DefinitionPageRank.UntilConverged(34, arcs, 0.85, 1e-15, 1_000);
        var result = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15, MaxIterations = 1_000 });

        Assert.InRange(DefinitionPageRank.L1(result.Scores, reference), 0, 1e-12);
    }

    [Fact]
    public void EmailEuCoreMatchesNetworkXAndTheDefinition()
    {
        // A real directed graph with 642 self-loops and 137 people who never send (dangling).
        // The reference file was made with NetworkX 3.6.1 at its defaults and at tol 1e-15 (SOURCE.md).
        var graph = GraphFiles.Email();
        Assert.Equal(25_571, graph.EdgeCount);
        Assert.Equal(137, Enumerable.Range(0, graph.Slots).Count(v => graph.OutDegree(v) == 0));
        var (networkX, converged) = GraphFiles.EmailReference();

        var result = PageRank.Compute(graph);
        var tight = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15, MaxIterations = 1_000 });
        var definition = DefinitionPageRank.UntilConverged(graph.Slots, GraphFiles.Arcs(graph), 0.85, 1e-15, 1_000);

        Assert.InRange(DefinitionPageRank.L1(result.Scores, networkX), 0, 1e-12);
        Assert.InRange(DefinitionPageRank.L1(tight.Scores, converged), 0, 1e-12);
        Assert.InRange(DefinitionPageRank.L1(tight.Scores, definition), 0, 1e-12);

        // NetworkX's default stop (L1 change < N·1e-6 = 1e-3 here) is far from the fixed point: 4.9e-3 in L1.
        Assert.InRange(DefinitionPageRank.L1(networkX, converged), 4e-3, 6e-3);
    }

    [Theory]
    [InlineData("example-directed", true, 2, "example-directed-PR")]
    [InlineData("example-undirected", false, 2, "example-undirected-PR")]
    public void LdbcExamplesMatchThePublishedOutputs(string name, bool directed, int iterations, string output)
    {
        // LDBC Graphalytics (Data/graphs/ldbc-graphalytics-pagerank/SOURCE.md): d = 0.85, a fixed number of
        // iterations from 1/N, weights ignored, dangling rank spread uniformly. The outputs carry 16
        // significant digits.
        var graph = GraphFiles.LdbcExample(name, directed);
        var expected = GraphFiles.LdbcOutput(output);

        var result = PageRank.Compute(graph, Ldbc(iterations));

        Assert.Equal(expected.Count, graph.CustomerCount);
        Assert.InRange(L1(graph, result.Scores, expected), 0, 1e-14);
        var definition = DefinitionPageRank.FixedIterations(graph.Slots, GraphFiles.Arcs(graph), 0.85, iterations);
        Assert.InRange(DefinitionPageRank.L1(result.Scores, definition), 0, 1e-15);
    }

    [Theory]
    [InlineData("pr-validation-dir-input", true, 14, "pr-validation-dir-output", 4e-7)]
    [InlineData("pr-validation-undir-input", false, 26, "pr-validation-undir-output", 2e-8)]
    public void LdbcValidationGraphsMatchThePublishedOutputs(string name, bool directed, int iterations, string output, double bound)
    {
        // The validation outputs are not the spec's iteration to the last digit: the spec-exact values
        // (here, and the test-side definition, to 1e-15) are off them by up to 1.3e-6 (directed) and 5.9e-8
        // (undirected) relative (SOURCE.md); the harness accepts 1e-4. In L1 that is 3.7e-7 and 1.1e-8:
        // within 1e-6 both, bounded here a little above what they are.
        var graph = GraphFiles.LdbcValidation(name, directed);
        var expected = GraphFiles.LdbcOutput(output);

        var result = PageRank.Compute(graph, Ldbc(iterations));

        Assert.Equal(50, graph.CustomerCount);
        Assert.InRange(L1(graph, result.Scores, expected), 0, bound);
        var definition = DefinitionPageRank.FixedIterations(graph.Slots, GraphFiles.Arcs(graph), 0.85, iterations);
        Assert.InRange(DefinitionPageRank.L1(result.Scores, definition), 0, 1e-15);
    }

    [Fact]
    public void WeightsShareOutARank()
    {
        // a → b with weight 3 (three events), a → c with weight 1: b must get three times c's share of a.
        var graph = new RelationshipGraph();
        for (var i = 0; i < 3; i++)
        {
            graph.Strengthen("a", "b", RelationshipKind.Referral, GraphFiles.At);
        }

        graph.Strengthen("a", "c", RelationshipKind.Referral, GraphFiles.At);
        var arcs = GraphFiles.Arcs(graph);

        var result = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15 });
        var reference = DefinitionPageRank.UntilConverged(3, arcs, 0.85, 1e-15, 100);

        Assert.InRange(DefinitionPageRank.L1(result.Scores, reference), 0, 1e-15);

        // π(b) − π(c) = 0.85·π(a)·(3/4 − 1/4), exactly.
        Assert.Equal(0.85 * result.Scores[0] * 0.5, result.Scores[1] - result.Scores[2], 12);
        var unweighted = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15, Weighted = false });
        Assert.Equal(unweighted.Scores[1], unweighted.Scores[2], 15);
    }

    [Fact]
    public void DecayAloneDoesNotMoveTheScores()
    {
        // The same events, one graph read right away, the other after a long quiet spell: all weights have
        // shrunk by the same factor, so the shares and PageRank are the same.
        var graph = PreferentialAttachment.Generate(500, 3, seed: 4);
        var before = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-14 });
        graph.Strengthen("c1", "c2", RelationshipKind.Mention, GraphFiles.At.AddYears(3));
        var reweighted = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-14 });

        // Three years on, a single event weighs 2^(1095/90) ≈ 4,600 times an old edge: c1's share moves to c2.
        Assert.True(reweighted.Scores[2] > before.Scores[2]);
        Assert.True(graph.WeightAt("c1", "c2", RelationshipKind.Mention, GraphFiles.At.AddYears(3)) > 0.999);
    }

    [Fact]
    public void AWarmStartFromTheAnswerConvergesAtOnce()
    {
        var graph = GraphFiles.Email();
        var cold = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-12, MaxIterations = 1_000 });
        var warm = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-12, MaxIterations = 1_000 }, cold.Scores);

        Assert.True(cold.Iterations > 30, $"cold {cold.Iterations}");
        Assert.InRange(warm.Iterations, 1, 3);
        Assert.InRange(DefinitionPageRank.L1(cold.Scores, warm.Scores), 0, 1e-9);
    }

    [Fact]
    public void ErasedCustomersLeaveNoRank()
    {
        var graph = GraphFiles.Karate();
        graph.RemoveCustomer("12");
        var result = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-15 });

        Assert.False(graph.IsActive(11));
        Assert.Equal(0, result.Scores[11]);
        Assert.Equal(1, result.Scores.Sum(), 12);

        // The same as the 33 left, built afresh.
        var arcs = GraphFiles.Arcs(graph).Select(a => (From: a.From > 11 ? a.From - 1 : a.From, To: a.To > 11 ? a.To - 1 : a.To, a.Weight)).ToList();
        var reference = DefinitionPageRank.UntilConverged(33, arcs, 0.85, 1e-15, 1_000);
        Assert.InRange(DefinitionPageRank.L1([.. result.Scores.Where((_, slot) => slot != 11)], reference), 0, 1e-12);
    }

    private static PageRankOptions Ldbc(int iterations) => new() { Damping = 0.85, Tolerance = 0, MaxIterations = iterations, Weighted = false };

    private static double L1(RelationshipGraph graph, double[] scores, Dictionary<string, double> expected) =>
        expected.Sum(e => Math.Abs(scores[graph.TryGetSlot(e.Key, out var slot) ? slot : throw new InvalidOperationException(e.Key)] - e.Value));
}
