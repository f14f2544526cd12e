namespace Pulse.Analytics.Graph;

/// <summary>
/// Communities by modularity, with the Louvain method (Blondel, Guillaume, Lambiotte &amp; Lefebvre, "Fast
/// unfolding of communities in large networks", J. Stat. Mech. 2008): the choice for dense graphs with
/// hubs, where <see cref="LabelPropagation"/> tends to let one label take over a whole component.
/// </summary>
/// <remarks>
/// On the simple undirected view (kinds and directions summed, self-loops left out). Each level moves
/// customers, one at a time in a seeded random order, to the neighbouring community that raises modularity
/// most, k_{i,C} − γ·Σ_C·k_i/(2m) (k_{i,C}: i's weight into C; Σ_C: C's total degree; k_i: i's degree; m:
/// the total weight), until a pass moves no one; then each community becomes one node (weights between
/// communities summed, weight inside one kept as a self-loop) and the next level starts. It stops when a
/// level moves no one. A move must gain more than rounding can explain, and staying wins ties, so a seed
/// always gives the same communities. O(arcs) a pass.
/// </remarks>
public static class Louvain
{
    public static CommunityAssignment Detect(RelationshipGraph graph, int seed, double resolution = 1, int maxLevels = 32)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!(resolution > 0) || double.IsInfinity(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "The resolution must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLevels);
        var table = NeighbourTable.Build(graph);
        var random = new Random(seed);

        // Level 0 is the active customers, renumbered densely; membership[slot] follows them up the levels.
        var membership = new int[graph.Slots];
        Array.Fill(membership, -1);
        var n = 0;
        for (var v = 0; v < graph.Slots; v++)
        {
            if (graph.IsActive(v))
            {
                membership[v] = n++;
            }
        }

        var level = Level.FromTable(table, membership, n);
        var levels = 0;
        var sweeps = 0;
        while (levels < maxLevels)
        {
            levels++;
            var community = level.MoveNodes(random, resolution, ref sweeps, out var moved);
            if (!moved)
            {
                break;
            }

            var count = Renumber(community);
            for (var v = 0; v < membership.Length; v++)
            {
                if (membership[v] >= 0)
                {
                    membership[v] = community[membership[v]];
                }
            }

            level = level.Aggregate(community, count);
        }

        return Assign(membership, sweeps, levels < maxLevels);
    }

    private static int Renumber(int[] community)
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < community.Length; i++)
        {
            if (!map.TryGetValue(community[i], out var dense))
            {
                dense = map.Count;
                map.Add(community[i], dense);
            }

            community[i] = dense;
        }

        return map.Count;
    }

    private static CommunityAssignment Assign(int[] membership, int sweeps, bool converged)
    {
        // Numbered in slot order of the first member, as the other community finders do.
        var map = new Dictionary<int, int>();
        var sizes = new List<int>();
        var communityOf = new int[membership.Length];
        for (var v = 0; v < membership.Length; v++)
        {
            if (membership[v] < 0)
            {
                communityOf[v] = -1;
                continue;
            }

            if (!map.TryGetValue(membership[v], out var community))
            {
                community = map.Count;
                map.Add(membership[v], community);
                sizes.Add(0);
            }

            communityOf[v] = community;
            sizes[community]++;
        }

        return new CommunityAssignment(communityOf, [.. sizes], sweeps, converged);
    }

    /// <summary>One level's graph: symmetric rows (each edge in both endpoints' rows), self-loop weights apart.</summary>
    private sealed class Level(int[] offsets, int[] neighbours, double[] weights, double[] loops)
    {
        private int Count => loops.Length;

        public static Level FromTable(NeighbourTable table, int[] dense, int n)
        {
            var offsets = new int[n + 1];
            var neighbours = new List<int>(table.Neighbours.Length);
            var weights = new List<double>(table.Neighbours.Length);
            var i = 0;
            for (var v = 0; v < table.Slots; v++)
            {
                if (dense[v] < 0)
                {
                    continue;
                }

                offsets[i] = neighbours.Count;
                var row = table.NeighboursOf(v);
                var rowWeights = table.WeightsOf(v);
                for (var k = 0; k < row.Length; k++)
                {
                    neighbours.Add(dense[row[k]]);
                    weights.Add(rowWeights[k]);
                }

                i++;
            }

            offsets[n] = neighbours.Count;
            return new Level(offsets, [.. neighbours], [.. weights], new double[n]);
        }

        /// <summary>Local moving until a pass moves no one; returns each node's community.</summary>
        public int[] MoveNodes(Random random, double resolution, ref int sweeps, out bool movedAny)
        {
            var n = Count;
            var degree = new double[n];
            var twoM = 0.0;
            for (var i = 0; i < n; i++)
            {
                degree[i] = 2 * loops[i];
                for (var k = offsets[i]; k < offsets[i + 1]; k++)
                {
                    degree[i] += weights[k];
                }

                twoM += degree[i];
            }

            var community = new int[n];
            var total = new double[n];
            for (var i = 0; i < n; i++)
            {
                community[i] = i;
                total[i] = degree[i];
            }

            movedAny = false;
            if (twoM == 0)
            {
                return community;
            }

            var order = Enumerable.Range(0, n).ToArray();
            random.Shuffle(order);
            var towards = new double[n];
            var seen = new List<int>();
            bool moved;
            do
            {
                sweeps++;
                moved = false;
                foreach (var i in order)
                {
                    var own = community[i];
                    seen.Clear();
                    seen.Add(own);
                    towards[own] = 0;
                    for (var k = offsets[i]; k < offsets[i + 1]; k++)
                    {
                        var c = community[neighbours[k]];
                        if (towards[c] == 0 && c != own)
                        {
                            seen.Add(c);
                        }

                        towards[c] += weights[k];
                    }

                    total[own] -= degree[i];
                    var share = resolution * degree[i] / twoM;
                    var best = own;
                    var bestGain = towards[own] - share * total[own];

                    // Only a gain beyond the rounding of the sums moves a node; staying wins ties.
                    var slack = 1e-12 * Math.Max(1, degree[i]);
                    foreach (var c in seen)
                    {
                        var gain = towards[c] - share * total[c];
                        if (gain > bestGain + slack)
                        {
                            best = c;
                            bestGain = gain;
                        }

                        towards[c] = 0;
                    }

                    total[best] += degree[i];
                    if (best != own)
                    {
                        community[i] = best;
                        moved = true;
                        movedAny = true;
                    }
                }
            }
            while (moved);

            return community;
        }

        /// <summary>Each community one node: weights between communities summed, weight inside kept as a self-loop.</summary>
        public Level Aggregate(int[] community, int count)
        {
            var members = new List<int>[count];
            for (var c = 0; c < count; c++)
            {
                members[c] = [];
            }

            var newLoops = new double[count];
            for (var i = 0; i < Count; i++)
            {
                members[community[i]].Add(i);
                newLoops[community[i]] += loops[i];
            }

            var offsetsOut = new int[count + 1];
            var neighboursOut = new List<int>();
            var weightsOut = new List<double>();
            var sum = new double[count];
            var seen = new List<int>();
            for (var c = 0; c < count; c++)
            {
                offsetsOut[c] = neighboursOut.Count;
                seen.Clear();
                foreach (var i in members[c])
                {
                    for (var k = offsets[i]; k < offsets[i + 1]; k++)
                    {
                        var d = community[neighbours[k]];
                        if (d == c)
                        {
                            // Each inside edge is met from both ends: half each time.
                            newLoops[c] += weights[k] / 2;
                            continue;
                        }

                        if (sum[d] == 0)
                        {
                            seen.Add(d);
                        }

                        sum[d] += weights[k];
                    }
                }

                foreach (var d in seen)
                {
                    neighboursOut.Add(d);
                    weightsOut.Add(sum[d]);
                    sum[d] = 0;
                }
            }

            offsetsOut[count] = neighboursOut.Count;
            return new Level(offsetsOut, [.. neighboursOut], [.. weightsOut], newLoops);
        }
    }
}
