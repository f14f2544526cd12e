namespace Pulse.Analytics.Graph;

/// <summary>
/// The k-core number of every customer: the largest k such that the customer belongs to a group in which
/// everyone has at least k relationships inside the group. High core = the dense centre of a community.
/// </summary>
/// <remarks>
/// Batagelj &amp; Zaversnik, "An O(m) Algorithm for Cores Decomposition of Networks" (2003): customers in a
/// bucket array by current degree, repeatedly take one of least degree, fix its core number and move each
/// neighbour of higher degree one bucket down. O(N + edges). It runs on the simple undirected view (a pair
/// of customers counts once whatever the kinds and directions between them; self-loops are ignored, as
/// NetworkX's <c>core_number</c> requires). QuikGraph has no core decomposition, hence this one.
/// </remarks>
public static class CoreDecomposition
{
    /// <summary>Per slot, the core number (0 for an isolated customer or a free slot).</summary>
    public static int[] Compute(RelationshipGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Compute(NeighbourTable.Build(graph));
    }

    internal static int[] Compute(NeighbourTable table)
    {
        var n = table.Slots;
        var degree = new int[n];
        var maxDegree = 0;
        for (var v = 0; v < n; v++)
        {
            degree[v] = table.Degree(v);
            maxDegree = Math.Max(maxDegree, degree[v]);
        }

        // bin[d] = where customers of degree d start in `order`; position[v] = v's place in it.
        var bin = new int[maxDegree + 1];
        foreach (var d in degree)
        {
            bin[d]++;
        }

        var start = 0;
        for (var d = 0; d <= maxDegree; d++)
        {
            var count = bin[d];
            bin[d] = start;
            start += count;
        }

        var order = new int[n];
        var position = new int[n];
        for (var v = 0; v < n; v++)
        {
            position[v] = bin[degree[v]]++;
            order[position[v]] = v;
        }

        for (var d = maxDegree; d > 0; d--)
        {
            bin[d] = bin[d - 1];
        }

        bin[0] = 0;

        for (var i = 0; i < n; i++)
        {
            var v = order[i];
            foreach (var u in table.NeighboursOf(v))
            {
                if (degree[u] <= degree[v])
                {
                    continue;
                }

                // Swap u with the first customer of its bucket, then shrink the bucket from the front.
                var du = degree[u];
                var pu = position[u];
                var pw = bin[du];
                var w = order[pw];
                if (u != w)
                {
                    position[u] = pw;
                    order[pu] = w;
                    position[w] = pu;
                    order[pw] = u;
                }

                bin[du]++;
                degree[u]--;
            }
        }

        return degree;
    }
}
