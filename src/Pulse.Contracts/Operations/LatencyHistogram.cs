namespace Pulse.Contracts.Operations;

/// <summary>
/// Latency buckets shared by the silos and the grain that merges them: powers of 2^(1/4) from 1 ms to
/// about 65 s (a bucket's upper edge is within 19 % of any value in it), plus one for everything slower.
/// </summary>
public static class LatencyHistogram
{
    public const int Buckets = 66;

    /// <summary>The bucket of a latency in milliseconds.</summary>
    public static int BucketOf(double milliseconds) =>
        milliseconds <= 1 ? 0 : Math.Min(Buckets - 1, (int)Math.Ceiling(4 * Math.Log2(milliseconds)));

    /// <summary>A bucket's upper edge in milliseconds (what a percentile falling in it reports).</summary>
    public static double UpperEdge(int bucket) => Math.Pow(2, bucket / 4.0);

    /// <summary>The <paramref name="quantile"/> of the counts, as a bucket's upper edge; null when empty.</summary>
    public static double? Quantile(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= Math.Max(1, rank))
            {
                return UpperEdge(bucket);
            }
        }

        return UpperEdge(counts.Length - 1);
    }
}
