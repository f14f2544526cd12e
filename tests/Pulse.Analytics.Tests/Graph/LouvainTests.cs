using Pulse.Analytics.Graph;
using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Graph;

public sealed class LouvainTests
{
    [Fact]
    public void KarateClubReachesTheBestKnownModularity()
    {
        // The karate club's maximum modularity is 0.4198, with four communities (Brandes et al., "On
        // Modularity Clustering", IEEE TKDE 2008). Louvain is greedy: over ten seeds it must reach it at
        // least once, never fall below 0.39, and always keep the instructor (1) and the officer (34) apart.
        var graph = GraphFiles.Karate();
        var runs = Enumerable.Range(0, 10).Select(seed => Louvain.Detect(graph, seed)).ToArray();
        var q = runs.Select(r => Modularity.Of(graph, r)).ToArray();

        Assert.All(q, value => Assert.InRange(value, 0.39, 0.41979));
        Assert.InRange(q.Max(), 0.41978, 0.41979);
        Assert.All(runs, r => Assert.Equal(4, r.Count));
        Assert.All(runs, r => Assert.NotEqual(r.CommunityOf[0], r.CommunityOf[33]));
    }

    [Fact]
    public void EmailDepartmentsAreFoundWhereLabelPropagationFindsOneBlob()
    {
        // On the dense email graph label propagation lets one label take the whole large component
        // (modularity about 0); Louvain finds 20-odd communities of modularity about 0.4 that agree
        // with the 42 departments well beyond chance.
        var graph = GraphFiles.Email();
        var departments = GraphFiles.EmailDepartments();
        for (var seed = 0; seed < 3; seed++)
        {
            var found = Louvain.Detect(graph, seed);

            Assert.InRange(Modularity.Of(graph, found), 0.38, 1);
            Assert.InRange(found.Count, 15, 60);
            Assert.InRange(AdjustedRandIndex.Compute(departments, found.CommunityOf), 0.2, 1);
            Assert.InRange(Modularity.Of(graph, LabelPropagation.Detect(graph, seed)), -0.01, 0.05);
        }
    }

    [Fact]
    public void ModularityIsTheDefinition()
    {
        // Q = (1/2m)·Σ_ij [A_ij − k_i·k_j/(2m)]·δ(c_i, c_j), written out over every pair of members.
        var graph = GraphFiles.Karate();
        var found = Louvain.Detect(graph, seed: 1);
        var adjacency = new double[34, 34];
        foreach (var (from, to, weight) in GraphFiles.Arcs(graph))
        {
            adjacency[from, to] += weight;
        }

        var degree = Enumerable.Range(0, 34).Select(i => Enumerable.Range(0, 34).Sum(j => adjacency[i, j])).ToArray();
        var twoM = degree.Sum();
        var expected = 0.0;
        for (var i = 0; i < 34; i++)
        {
            for (var j = 0; j < 34; j++)
            {
                expected += found.CommunityOf[i] == found.CommunityOf[j] ? adjacency[i, j] - degree[i] * degree[j] / twoM : 0;
            }
        }

        Assert.Equal(expected / twoM, Modularity.Of(graph, found), 12);
        Assert.Equal(0, Modularity.Of(graph, new CommunityAssignment(new int[34], [34], 0, true)), 12);
    }

    [Fact]
    public void TheSameSeedFindsTheSameCommunities()
    {
        var graph = GraphFiles.Email();
        Assert.Equal(Louvain.Detect(graph, seed: 4).CommunityOf, Louvain.Detect(graph, seed: 4).CommunityOf);
    }

    [Fact]
    public void CliquesInARingAreTheirOwnCommunities()
    {
        // Six 6-cliques, each joined to the next by one edge, and an erased customer: six communities.
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        for (var clique = 0; clique < 6; clique++)
        {
            for (var i = 0; i < 6; i++)
            {
                for (var j = i + 1; j < 6; j++)
                {
                    graph.Strengthen($"k{clique}-{i}", $"k{clique}-{j}", RelationshipKind.Household, GraphFiles.At);
                }
            }

            graph.Strengthen($"k{clique}-0", $"k{(clique + 1) % 6}-5", RelationshipKind.Referral, GraphFiles.At);
        }

        graph.Strengthen("gone", "k0-1", RelationshipKind.Mention, GraphFiles.At);
        graph.RemoveCustomer("gone");

        for (var seed = 0; seed < 10; seed++)
        {
            var found = Louvain.Detect(graph, seed);
            Assert.Equal(Enumerable.Repeat(6, 6), found.Sizes);
            Assert.Equal(-1, found.CommunityOf[graph.Slots - 1]);
            Assert.All(Enumerable.Range(0, 36), v => Assert.Equal(v / 6, found.CommunityOf[v]));
        }
    }
}
