using Pulse.Analytics.Graph;
using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Graph;

public sealed class LabelPropagationTests
{
    [Fact]
    public void KarateCommunitiesFollowTheClubsSplit()
    {
        // Label propagation is known to be noisy on the karate club (one run can swallow a faction), so
        // thirty seeds: every one must find more than one community; at the median the communities must
        // agree with the split (ARI ≥ 0.5; 0.57 as it stands); in two runs of three, labelling each
        // community by its majority faction must place at least 29 of the 34 members right and keep the
        // instructor and the officer apart (26 of 30 runs do both as it stands).
        var graph = GraphFiles.Karate();
        var factions = KarateFactions.BySlot();
        var runs = Enumerable.Range(0, 30).Select(seed => LabelPropagation.Detect(graph, seed)).ToArray();

        Assert.All(runs, r => Assert.True(r.Count >= 2 && r.Converged));
        var aris = runs.Select(r => AdjustedRandIndex.Compute(factions, r.CommunityOf)).Order().ToArray();
        Assert.InRange(aris[aris.Length / 2], 0.5, 1);
        var good = runs.Count(r => Purity(r.CommunityOf, factions) >= 29 && r.CommunityOf[0] != r.CommunityOf[33]);
        Assert.InRange(good, 20, 30);
    }

    [Fact]
    public void TheSameSeedFindsTheSameCommunities()
    {
        var graph = GraphFiles.Karate();
        var first = LabelPropagation.Detect(graph, seed: 6);
        var again = LabelPropagation.Detect(graph, seed: 6);

        Assert.Equal(first.CommunityOf, again.CommunityOf);
        Assert.Equal(first.Sweeps, again.Sweeps);
        Assert.Contains(Enumerable.Range(0, 10), seed => !LabelPropagation.Detect(graph, seed).CommunityOf.SequenceEqual(first.CommunityOf));
    }

    [Fact]
    public void TwoCliquesJoinedByOneEdgeAreTwoCommunities()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        for (var clique = 0; clique < 2; clique++)
        {
            for (var i = 0; i < 8; i++)
            {
                for (var j = i + 1; j < 8; j++)
                {
                    graph.Strengthen($"k{clique}-{i}", $"k{clique}-{j}", RelationshipKind.Household, GraphFiles.At);
                }
            }
        }

        graph.Strengthen("k0-0", "k1-0", RelationshipKind.Referral, GraphFiles.At);
        graph.AddCustomer("loner");

        for (var seed = 0; seed < 20; seed++)
        {
            var found = LabelPropagation.Detect(graph, seed);
            Assert.Equal([8, 8, 1], found.Sizes);
            Assert.Equal([.. Enumerable.Repeat(0, 8), .. Enumerable.Repeat(1, 8), 2], found.CommunityOf);
        }
    }

    [Fact]
    public void WeightsDecideBetweenEqualCounts()
    {
        // c is tied to a and b alike in number, but far more strongly to b's group.
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        graph.Strengthen("a1", "a2", RelationshipKind.Household, GraphFiles.At, amount: 5);
        graph.Strengthen("b1", "b2", RelationshipKind.Household, GraphFiles.At, amount: 5);
        graph.Strengthen("c", "a1", RelationshipKind.Mention, GraphFiles.At, amount: 1);
        graph.Strengthen("c", "b1", RelationshipKind.Mention, GraphFiles.At, amount: 3);

        for (var seed = 0; seed < 10; seed++)
        {
            var found = LabelPropagation.Detect(graph, seed).CommunityOf;
            Assert.Equal(found[graph.TryGetSlot("b1", out var b1) ? b1 : -1], found[graph.TryGetSlot("c", out var c) ? c : -1]);
        }
    }

    [Fact]
    public void ErasedCustomersHaveNoCommunity()
    {
        var graph = GraphFiles.Karate();
        graph.RemoveCustomer("5");
        var found = LabelPropagation.Detect(graph, seed: 1);

        Assert.Equal(-1, found.CommunityOf[4]);
        Assert.Equal(33, found.Sizes.Sum());
    }

    private static int Purity(int[] communities, int[] factions) =>
        communities.Select((c, i) => (c, f: factions[i])).GroupBy(p => p.c).Sum(g => g.GroupBy(p => p.f).Max(h => h.Count()));
}
