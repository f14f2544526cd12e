namespace Pulse.Analytics.Graph;

/// <summary>
/// Features of a customer that come from the people around them: the value their relationships lead to,
/// and how much of their circle is about to leave. Inputs are per slot of the graph.
/// </summary>
public static class NetworkFeatures
{
    /// <summary>
    /// Network value: the lifetime value a customer's relationships lead to, weighted by how influential the
    /// people at the other end are.
    /// NetworkValue(u) = Σ over u's out-arcs u→v, v ≠ u, of (w(u→v) / Σ w(u→x) over x ≠ u) · CLV(v) · N·π(v),
    /// where π is PageRank (summing to 1 over the N customers), so N·π(v) is v's influence relative to an
    /// average customer (1 = average). Several kinds to the same v add their shares. In an undirected graph
    /// every neighbour is an out-neighbour. 0 for a customer with no relationships to others.
    /// Example: u refers only v, whose CLV is 200 and who is twice as influential as average: 200·2 = 400.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="customer">The customer's slot.</param>
    /// <param name="influence">PageRank per slot (e.g. <see cref="IncrementalPageRank.Scores"/>).</param>
    /// <param name="lifetimeValue">CLV per slot.</param>
    /// <param name="customers">N, the customers the PageRank is spread over: the graph's by default; a shard of a larger graph passes the whole graph's.</param>
    public static double NetworkValue(RelationshipGraph graph, int customer, ReadOnlySpan<double> influence, ReadOnlySpan<double> lifetimeValue, long? customers = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Check(graph, customer, influence.Length, nameof(influence));
        Check(graph, customer, lifetimeValue.Length, nameof(lifetimeValue));
        var total = 0.0;
        var value = 0.0;
        var n = (double)(customers ?? graph.CustomerCount);
        foreach (ref readonly var arc in graph.OutArcs(customer))
        {
            // Influence on oneself is not network value: self-loops weigh nothing, in the sum or the shares.
            if (arc.Target == customer)
            {
                continue;
            }

            total += arc.Weight;
            value += arc.Weight * lifetimeValue[arc.Target] * n * influence[arc.Target];
        }

        return total > 0 ? value / total : 0;
    }

    /// <summary>
    /// Churn contagion: the share of a customer's weighted neighbourhood (relationships both ways, any kind,
    /// self-loops aside) whose churn risk is at least <paramref name="threshold"/>:
    /// Σ w(u,v) over neighbours v with risk(v) ≥ threshold / Σ w(u,v) over all neighbours, where w(u,v) sums
    /// the weights of every edge between u and v, either way (a mutual edge once). 0 for a customer with no
    /// neighbours.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="customer">The customer's slot.</param>
    /// <param name="churnRisk">Churn probability per slot.</param>
    /// <param name="threshold">The risk from which a neighbour counts as about to leave.</param>
    public static double ChurnContagion(RelationshipGraph graph, int customer, ReadOnlySpan<double> churnRisk, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Check(graph, customer, churnRisk.Length, nameof(churnRisk));
        double total = 0, atRisk = 0;
        foreach (ref readonly var arc in graph.OutArcs(customer))
        {
            if (arc.Target != customer)
            {
                total += arc.Weight;
                atRisk += churnRisk[arc.Target] >= threshold ? arc.Weight : 0;
            }
        }

        if (graph.IsDirected)
        {
            // The arcs in: read at their sources, once per distinct source (a source may point here more than once).
            var sources = graph.InSources(customer);
            var seen = new HashSet<int>(sources.Length);
            foreach (var source in sources)
            {
                if (source == customer || !seen.Add(source))
                {
                    continue;
                }

                foreach (ref readonly var arc in graph.OutArcs(source))
                {
                    if (arc.Target == customer && !graph.IsMutual(arc.Kind))
                    {
                        total += arc.Weight;
                        atRisk += churnRisk[source] >= threshold ? arc.Weight : 0;
                    }
                }
            }
        }

        return total > 0 ? atRisk / total : 0;
    }

    private static void Check(RelationshipGraph graph, int customer, int length, string name)
    {
        if (!graph.IsActive(customer))
        {
            throw new ArgumentOutOfRangeException(nameof(customer), customer, "No customer holds this slot.");
        }

        if (length < graph.Slots)
        {
            throw new ArgumentException($"Expected a value for each of the graph's {graph.Slots} slots, got {length}.", name);
        }
    }
}
