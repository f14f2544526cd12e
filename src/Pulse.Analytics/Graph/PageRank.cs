namespace Pulse.Analytics.Graph;

/// <summary>
/// Weighted PageRank by power iteration, as NetworkX's <c>pagerank</c> defines it: with N customers and
/// damping α, each iteration sets
/// x'(v) = (1 − α)/N + α·Σ_{u→v} x(u)·w(u→v)/W(u) + α·D/N, where W(u) is u's out-weight and D the rank
/// held by customers without out-arcs ("dangling"), which is spread uniformly (NetworkX's default when no
/// dangling distribution is given). Start: uniform, or a previous vector (a warm start). Stop: when
/// Σ|x' − x| &lt; N·tolerance, as NetworkX does. The result is normalised to sum 1.
/// </summary>
/// <remarks>
/// With <see cref="PageRankOptions.Tolerance"/> 0 and <see cref="PageRankOptions.Weighted"/> false it is
/// the LDBC Graphalytics definition instead: a fixed number of iterations, weights ignored, the same
/// dangling rule. QuikGraph 2.5's PageRankAlgorithm is neither (unweighted, unnormalised, dangling rank
/// lost, always 60 iterations), hence this one.
/// </remarks>
public static class PageRank
{
    /// <summary>Runs the power iteration on the graph as it is now.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Damping, tolerance, iterations; NetworkX's defaults when null.</param>
    /// <param name="start">Optional scores per slot to start from (normalised first; new customers get 1/N).</param>
    public static PageRankResult Compute(RelationshipGraph graph, PageRankOptions? options = null, ReadOnlySpan<double> start = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new PageRankOptions();
        options.Validate();
        var slots = graph.Slots;
        var n = graph.CustomerCount;
        var x = new double[slots];
        if (n == 0)
        {
            return new PageRankResult(x, 0, true, 0, 0);
        }

        Start(graph, start, x);
        var next = new double[slots];
        var alpha = options.Damping;
        var jump = (1 - alpha) / n;
        var arcCount = graph.ArcCount;
        var iterations = 0;
        var change = double.PositiveInfinity;
        var converged = false;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            var dangling = 0.0;
            for (var u = 0; u < slots; u++)
            {
                if (graph.IsActive(u) && graph.OutDegree(u) == 0)
                {
                    dangling += x[u];
                }
            }

            var baseline = jump + alpha * dangling / n;
            for (var v = 0; v < slots; v++)
            {
                next[v] = graph.IsActive(v) ? baseline : 0;
            }

            for (var u = 0; u < slots; u++)
            {
                var arcs = graph.OutArcs(u);
                if (arcs.IsEmpty)
                {
                    continue;
                }

                if (options.Weighted)
                {
                    var share = alpha * x[u] / graph.OutWeight(u);
                    foreach (ref readonly var arc in arcs)
                    {
                        next[arc.Target] += share * arc.Weight;
                    }
                }
                else
                {
                    var share = alpha * x[u] / arcs.Length;
                    foreach (ref readonly var arc in arcs)
                    {
                        next[arc.Target] += share;
                    }
                }
            }

            change = 0;
            for (var v = 0; v < slots; v++)
            {
                change += Math.Abs(next[v] - x[v]);
            }

            (x, next) = (next, x);
            if (change < n * options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        Normalise(x);
        return new PageRankResult(x, iterations, converged, change, iterations * (n + arcCount));
    }

    /// <summary>Uniform 1/N, or the given start padded with 1/N for customers it lacks, normalised.</summary>
    private static void Start(RelationshipGraph graph, ReadOnlySpan<double> start, double[] x)
    {
        foreach (var value in start)
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentException("Start scores must be finite and not negative.", nameof(start));
            }
        }

        var uniform = 1.0 / graph.CustomerCount;
        var sum = 0.0;
        for (var v = 0; v < x.Length; v++)
        {
            x[v] = !graph.IsActive(v) ? 0 : v < start.Length ? start[v] : uniform;
            sum += x[v];
        }

        if (!(sum > 0))
        {
            for (var v = 0; v < x.Length; v++)
            {
                x[v] = graph.IsActive(v) ? uniform : 0;
            }
        }

        Normalise(x);
    }

    private static void Normalise(double[] x)
    {
        var sum = 0.0;
        foreach (var value in x)
        {
            sum += value;
        }

        if (sum > 0)
        {
            for (var v = 0; v < x.Length; v++)
            {
                x[v] /= sum;
            }
        }
    }
}
