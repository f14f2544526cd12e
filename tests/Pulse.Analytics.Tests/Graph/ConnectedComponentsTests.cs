using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class ConnectedComponentsTests
{
    [Fact]
    public void TheKarateClubIsOneComponent()
    {
        var found = ConnectedComponents.Compute(GraphFiles.Karate());

        Assert.Equal(1, found.Count);
        Assert.Equal(34, found.Largest);
    }

    [Fact]
    public void EmailEuCoreHasTheComponentsSnapPublishes()
    {
        // SNAP's page for email-Eu-core: 986 people in the largest weakly connected component; the other 19
        // are alone.
        var graph = GraphFiles.Email();
        var found = ConnectedComponents.Compute(graph);

        Assert.Equal(20, found.Count);
        Assert.Equal(986, found.Largest);
        AssertSamePartition(ByBreadthFirstSearch(graph), found.ComponentOf);
    }

    [Fact]
    public void ManyIsolatedCustomersAndErasuresAreHandled()
    {
        // The case QuikGraph 2.5's undirected ConnectedComponentsAlgorithm cannot take: thousands of
        // components. 5,000 customers, 2,000 random arcs, erasures.
        var random = new Random(3);
        var graph = new RelationshipGraph();
        for (var c = 0; c < 5_000; c++)
        {
            graph.AddCustomer($"c{c}");
        }

        for (var e = 0; e < 2_000; e++)
        {
            graph.Strengthen(random.Next(5_000), random.Next(5_000), RelationshipKind.Mention, GraphFiles.At.UtcTicks);
        }

        for (var c = 0; c < 5_000; c += 97)
        {
            graph.RemoveCustomer($"c{c}");
        }

        var found = ConnectedComponents.Compute(graph);

        Assert.Equal(graph.CustomerCount, found.Sizes.Sum());
        Assert.Equal(-1, found.ComponentOf[0]);
        AssertSamePartition(ByBreadthFirstSearch(graph), found.ComponentOf);
        Assert.True(found.Count > 1_000, $"{found.Count} components");
    }

    /// <summary>Test-side components: breadth-first search over arcs taken both ways.</summary>
    private static int[] ByBreadthFirstSearch(RelationshipGraph graph)
    {
        var neighbours = Enumerable.Range(0, graph.Slots).Select(_ => new List<int>()).ToArray();
        foreach (var (from, to, _) in GraphFiles.Arcs(graph))
        {
            neighbours[from].Add(to);
            neighbours[to].Add(from);
        }

        var component = Enumerable.Repeat(-1, graph.Slots).ToArray();
        var next = 0;
        for (var start = 0; start < graph.Slots; start++)
        {
            if (!graph.IsActive(start) || component[start] >= 0)
            {
                continue;
            }

            var queue = new Queue<int>([start]);
            component[start] = next;
            while (queue.TryDequeue(out var v))
            {
                foreach (var w in neighbours[v].Where(w => component[w] < 0))
                {
                    component[w] = next;
                    queue.Enqueue(w);
                }
            }

            next++;
        }

        return component;
    }

    private static void AssertSamePartition(int[] expected, int[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var map = new Dictionary<int, int>();
        for (var v = 0; v < expected.Length; v++)
        {
            Assert.Equal(expected[v] < 0, actual[v] < 0);
            if (expected[v] >= 0)
            {
                Assert.Equal(map.TryAdd(expected[v], actual[v]) ? actual[v] : map[expected[v]], actual[v]);
            }
        }

        Assert.Equal(map.Count, map.Values.Distinct().Count());
    }
}
