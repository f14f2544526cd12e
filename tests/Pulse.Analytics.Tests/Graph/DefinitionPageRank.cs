namespace Pulse.Analytics.Tests.Graph;

/// <summary>
/// PageRank written here from its definition, on a plain arc list, to check the Analytics code against
/// (it shares none of it). Each iteration gathers into every vertex from its in-arcs:
/// x'(v) = (1 − α)/N + α·Σ_{u→v} x(u)·w(u→v)/W(u) + α·D/N, D the rank of vertices without out-arcs.
/// </summary>
internal static class DefinitionPageRank
{
    /// <summary>NetworkX's rule: start at 1/N, stop once Σ|x' − x| &lt; N·tolerance (or after maxIterations).</summary>
    public static double[] UntilConverged(int n, IReadOnlyList<(int From, int To, double Weight)> arcs, double alpha, double tolerance, int maxIterations, bool weighted = true)
    {
        var x = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var i = 0; i < maxIterations; i++)
        {
            var next = Step(n, arcs, alpha, x, weighted);
            var change = next.Zip(x, (a, b) => Math.Abs(a - b)).Sum();
            x = next;
            if (change < n * tolerance)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>LDBC Graphalytics' rule: start at 1/N, run exactly <paramref name="iterations"/> iterations, weights ignored.</summary>
    public static double[] FixedIterations(int n, IReadOnlyList<(int From, int To, double Weight)> arcs, double alpha, int iterations)
    {
        var x = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var i = 0; i < iterations; i++)
        {
            x = Step(n, arcs, alpha, x, weighted: false);
        }

        return x;
    }

    public static double L1(IReadOnlyList<double> a, IReadOnlyList<double> b) => a.Zip(b, (p, q) => Math.Abs(p - q)).Sum();

    private static double[] Step(int n, IReadOnlyList<(int From, int To, double Weight)> arcs, double alpha, double[] x, bool weighted)
    {
        var outWeight = new double[n];
        foreach (var (from, _, weight) in arcs)
        {
            outWeight[from] += weighted ? weight : 1;
        }

        var dangling = Enumerable.Range(0, n).Where(v => outWeight[v] == 0).Sum(v => x[v]);
        var incoming = arcs.ToLookup(a => a.To);
        var next = new double[n];
        for (var v = 0; v < n; v++)
        {
            var gathered = incoming[v].Sum(a => x[a.From] * (weighted ? a.Weight : 1) / outWeight[a.From]);
            next[v] = (1 - alpha) / n + alpha * gathered + alpha * dangling / n;
        }

        return next;
    }
}
