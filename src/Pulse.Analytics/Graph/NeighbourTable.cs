namespace Pulse.Analytics.Graph;

/// <summary>
/// A snapshot of the graph as a simple undirected graph in compressed sparse rows: per slot, each other
/// customer it shares an arc with (either way, any kind) once, with the summed weight of those arcs as of
/// the landmark. Self-loops are left out. What k-cores and communities are computed on.
/// </summary>
internal sealed class NeighbourTable
{
    private NeighbourTable(int slots, int[] offsets, int[] neighbours, double[] weights)
    {
        Slots = slots;
        Offsets = offsets;
        Neighbours = neighbours;
        Weights = weights;
    }

    public int Slots { get; }

    /// <summary>Slot v's neighbours are at [Offsets[v], Offsets[v + 1]).</summary>
    public int[] Offsets { get; }

    public int[] Neighbours { get; }

    public double[] Weights { get; }

    public int Degree(int v) => Offsets[v + 1] - Offsets[v];

    public ReadOnlySpan<int> NeighboursOf(int v) => Neighbours.AsSpan(Offsets[v], Degree(v));

    public ReadOnlySpan<double> WeightsOf(int v) => Weights.AsSpan(Offsets[v], Degree(v));

    /// <summary>Builds the table in O(N + arcs).</summary>
    public static NeighbourTable Build(RelationshipGraph graph)
    {
        var slots = graph.Slots;

        // An undirected graph holds each edge as two arcs already; a directed one lists it at both ends here.
        var bothEnds = graph.IsDirected;
        var counts = new int[slots + 1];
        for (var u = 0; u < slots; u++)
        {
            foreach (ref readonly var arc in graph.OutArcs(u))
            {
                if (arc.Target != u)
                {
                    counts[u]++;
                    if (bothEnds)
                    {
                        counts[arc.Target]++;
                    }
                }
            }
        }

        var starts = new int[slots + 1];
        for (var v = 0; v < slots; v++)
        {
            starts[v + 1] = starts[v] + counts[v];
        }

        var raw = new int[starts[slots]];
        var rawWeights = new double[raw.Length];
        var cursor = (int[])starts.Clone();
        for (var u = 0; u < slots; u++)
        {
            foreach (ref readonly var arc in graph.OutArcs(u))
            {
                if (arc.Target == u)
                {
                    continue;
                }

                raw[cursor[u]] = arc.Target;
                rawWeights[cursor[u]++] = arc.Weight;
                if (bothEnds)
                {
                    raw[cursor[arc.Target]] = u;
                    rawWeights[cursor[arc.Target]++] = arc.Weight;
                }
            }
        }

        // Merge repeats (both directions, several kinds) with a last-seen mark per neighbour: O(arcs).
        var mark = new int[slots];
        Array.Fill(mark, -1);
        var position = new int[slots];
        var offsets = new int[slots + 1];
        var neighbours = new List<int>(raw.Length);
        var weights = new List<double>(raw.Length);
        for (var v = 0; v < slots; v++)
        {
            offsets[v] = neighbours.Count;
            for (var i = starts[v]; i < starts[v + 1]; i++)
            {
                var w = raw[i];
                if (mark[w] == v)
                {
                    weights[position[w]] += rawWeights[i];
                    continue;
                }

                mark[w] = v;
                position[w] = neighbours.Count;
                neighbours.Add(w);
                weights.Add(rawWeights[i]);
            }
        }

        offsets[slots] = neighbours.Count;
        return new NeighbourTable(slots, offsets, [.. neighbours], [.. weights]);
    }
}
