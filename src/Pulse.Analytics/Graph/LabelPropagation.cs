namespace Pulse.Analytics.Graph;

/// <summary>
/// Communities by weighted label propagation (Raghavan, Albert &amp; Kumara, "Near linear time algorithm to
/// detect community structures in large-scale networks", Phys. Rev. E 76, 2007).
/// </summary>
/// <remarks>
/// Every customer starts in a community of its own. A pass visits the customers in a random order; each
/// takes the community with the greatest total relationship weight among its neighbours (directions
/// ignored, kinds summed), keeping its own when that is among the greatest (as NetworkX's
/// <c>asyn_lpa_communities</c> does, which stops the flip-flopping of ties) and otherwise drawing among the
/// tied ones. Passes repeat until one changes nothing. O(arcs) a pass; the order and the ties come from
/// one seeded generator, so a seed always gives the same communities. Fast and fine on sparse, clustered
/// graphs (the karate club); on dense graphs with hubs one label tends to take a whole component (it does
/// on email-Eu-core: modularity about 0): use <see cref="Louvain"/> there.
/// </remarks>
public static class LabelPropagation
{
    public static CommunityAssignment Detect(RelationshipGraph graph, int seed, int maxSweeps = 100)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSweeps);
        var table = NeighbourTable.Build(graph);
        var random = new Random(seed);
        var slots = graph.Slots;
        var label = new int[slots];
        var order = new List<int>(graph.CustomerCount);
        for (var v = 0; v < slots; v++)
        {
            label[v] = v;
            if (graph.IsActive(v) && table.Degree(v) > 0)
            {
                order.Add(v);
            }
        }

        var visit = order.ToArray();
        var tally = new double[slots];
        var seen = new List<int>();
        var best = new List<int>();
        var sweeps = 0;
        var converged = false;
        while (sweeps < maxSweeps && !converged)
        {
            sweeps++;
            random.Shuffle(visit);
            converged = true;
            foreach (var v in visit)
            {
                var neighbours = table.NeighboursOf(v);
                var weights = table.WeightsOf(v);
                seen.Clear();
                for (var i = 0; i < neighbours.Length; i++)
                {
                    var l = label[neighbours[i]];
                    if (tally[l] == 0)
                    {
                        seen.Add(l);
                    }

                    tally[l] += weights[i];
                }

                var top = 0.0;
                foreach (var l in seen)
                {
                    top = Math.Max(top, tally[l]);
                }

                // Weights summed in a different order can differ in the last bits: ties within rounding are ties.
                best.Clear();
                foreach (var l in seen)
                {
                    if (tally[l] >= top * (1 - 1e-12))
                    {
                        best.Add(l);
                    }

                    tally[l] = 0;
                }

                if (!best.Contains(label[v]))
                {
                    label[v] = best[random.Next(best.Count)];
                    converged = false;
                }
            }
        }

        return Renumber(graph, label, sweeps, converged);
    }

    private static CommunityAssignment Renumber(RelationshipGraph graph, int[] label, int sweeps, bool converged)
    {
        var communityOf = new int[label.Length];
        Array.Fill(communityOf, -1);
        var renumber = new Dictionary<int, int>();
        var sizes = new List<int>();
        for (var v = 0; v < label.Length; v++)
        {
            if (!graph.IsActive(v))
            {
                continue;
            }

            if (!renumber.TryGetValue(label[v], out var community))
            {
                community = renumber.Count;
                renumber.Add(label[v], community);
                sizes.Add(0);
            }

            communityOf[v] = community;
            sizes[community]++;
        }

        return new CommunityAssignment(communityOf, [.. sizes], sweeps, converged);
    }
}
