using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class CoreDecompositionTests
{
    [Fact]
    public void KarateCoresAreTheKnownOnes()
    {
        // NetworkX 3.6.1 core_number(karate_club_graph()), member v = node v − 1: the 4-core is members
        // 1, 2, 3, 4, 8, 9, 14, 31, 33, 34; member 12, with one friend, is the only 1-core.
        int[] expected = [4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4];
        var graph = GraphFiles.Karate();

        var cores = CoreDecomposition.Compute(graph);

        Assert.Equal(expected, cores);
        Assert.Equal(expected, PeelByDefinition(graph));
    }

    [Fact]
    public void EmailCoresMatchPeelingByTheDefinition()
    {
        // Directions, self-loops and repeated arcs do not count: a pair of people is one tie.
        var graph = GraphFiles.Email();
        var cores = CoreDecomposition.Compute(graph);

        Assert.Equal(PeelByDefinition(graph), cores);
        Assert.Equal(34, cores.Max());
        Assert.Equal(79, cores.Count(c => c == 34));
    }

    [Fact]
    public void RandomMultigraphsMatchPeelingByTheDefinition()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var random = new Random(seed);
            var graph = new RelationshipGraph();
            var kinds = Enum.GetValues<RelationshipKind>();
            for (var e = 0; e < 600; e++)
            {
                graph.Strengthen($"c{random.Next(150)}", $"c{random.Next(150)}", kinds[random.Next(kinds.Length)], GraphFiles.At);
            }

            graph.AddCustomer("loner");
            graph.RemoveCustomer("c7");

            var cores = CoreDecomposition.Compute(graph);
            Assert.Equal(PeelByDefinition(graph), cores);
            Assert.Equal(0, cores[graph.TryGetSlot("loner", out var loner) ? loner : -1]);
        }
    }

    /// <summary>
    /// The definition, slowly: for k = 1, 2, ... delete customers with fewer than k distinct neighbours
    /// until none is left to delete; a customer's core number is the last k it survived.
    /// </summary>
    private static int[] PeelByDefinition(RelationshipGraph graph)
    {
        var neighbours = Enumerable.Range(0, graph.Slots).Select(_ => new HashSet<int>()).ToArray();
        foreach (var (from, to, _) in GraphFiles.Arcs(graph).Where(a => a.From != a.To))
        {
            neighbours[from].Add(to);
            neighbours[to].Add(from);
        }

        var core = new int[graph.Slots];
        var alive = Enumerable.Range(0, graph.Slots).Where(graph.IsActive).ToHashSet();
        for (var k = 1; alive.Count > 0; k++)
        {
            bool removed;
            do
            {
                var weak = alive.Where(v => neighbours[v].Count(alive.Contains) < k).ToArray();
                removed = weak.Length > 0;
                alive.ExceptWith(weak);
            }
            while (removed);

            foreach (var v in alive)
            {
                core[v] = k;
            }
        }

        return core;
    }
}
