using QuikGraph.Algorithms.ConnectedComponents;

namespace Pulse.Analytics.Graph;

/// <summary>
/// Connected components of the relationship graph, directions ignored (weakly connected components): the
/// natural unit to partition the graph by, since PageRank never flows between components.
/// </summary>
/// <remarks>
/// QuikGraph's <c>WeaklyConnectedComponentsAlgorithm</c> over a <see cref="QuikGraphView"/> (no copy), in
/// O(N + arcs). Not QuikGraph 2.5's <c>ConnectedComponentsAlgorithm</c>: its undirected depth-first search
/// allocates a dictionary sized to the whole edge count for every component it starts, so a graph with
/// many isolated customers costs O(components × edges). Measured here: 100,000 customers, 500,000
/// edges and 10,000 isolated customers took 30 s and allocated 157 GB; the weak algorithm on the same
/// graph, 0.3 s and 19 MB.
/// </remarks>
public static class ConnectedComponents
{
    public static ComponentAssignment Compute(RelationshipGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var algorithm = new WeaklyConnectedComponentsAlgorithm<int, RelationshipArc>(new QuikGraphView(graph));
        algorithm.Compute();

        // QuikGraph's numbers are dense already but in its own order; renumber by first member's slot.
        var componentOf = new int[graph.Slots];
        Array.Fill(componentOf, -1);
        var renumber = new Dictionary<int, int>();
        var sizes = new List<int>();
        for (var v = 0; v < graph.Slots; v++)
        {
            if (!graph.IsActive(v))
            {
                continue;
            }

            var theirs = algorithm.Components[v];
            if (!renumber.TryGetValue(theirs, out var ours))
            {
                ours = renumber.Count;
                renumber.Add(theirs, ours);
                sizes.Add(0);
            }

            componentOf[v] = ours;
            sizes[ours]++;
        }

        return new ComponentAssignment(componentOf, [.. sizes]);
    }
}
