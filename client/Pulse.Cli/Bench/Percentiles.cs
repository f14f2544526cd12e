namespace Pulse.Cli.Bench;

/// <summary>
/// Exact percentiles over all recorded samples, by the nearest-rank method: the p-th percentile is the
/// smallest sample with at least p% of the samples at or below it. A benchmark records at most a few
/// thousand probes, so sorting them all is cheaper and simpler than an approximate histogram.
/// </summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100) of samples sorted ascending.</summary>
    public static double Of(IReadOnlyList<double> sortedAscending, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        if (sortedAscending.Count == 0)
        {
            throw new ArgumentException("There are no samples.", nameof(sortedAscending));
        }

        if (!(percentile > 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Between 0 (exclusive) and 100.");
        }

        // The 1-based rank ⌈p/100 · n⌉; the small epsilon keeps 95% of 20 at rank 19 despite binary rounding.
        var rank = (int)Math.Ceiling(percentile / 100 * sortedAscending.Count - 1e-9);
        return sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1];
    }

    /// <summary>Count, min, mean, p50, p95, p99 and max; null when there are no samples.</summary>
    public static PercentileSummary? Summarize(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return new PercentileSummary(
            sorted.Length, sorted[0], sorted.Average(), Of(sorted, 50), Of(sorted, 95), Of(sorted, 99), sorted[^1]);
    }
}
