namespace Pulse.Analytics.Graph;

/// <summary>
/// How relative influence (N·PageRank: 1 = an average customer) is spread over customers, as a histogram in
/// log-spaced bins: 32 a decade from 10⁻³ to 10⁵, values outside clamped into the end bins. Histograms from
/// the graph's shards add up, so a percentile over the whole graph needs no one to hold every score; within
/// a bin the percentile interpolates linearly, so it is exact to a bin's width (a factor of 1.075).
/// </summary>
public sealed class InfluenceDistribution
{
    /// <summary>Bins in a histogram.</summary>
    public const int Bins = 256;

    private const double MinLog10 = -3;
    private const double BinsPerDecade = 32;

    private readonly long[] _counts;

    public InfluenceDistribution()
        : this(new long[Bins])
    {
    }

    private InfluenceDistribution(long[] counts)
    {
        _counts = counts;
        Total = counts.Sum();
    }

    /// <summary>Customers counted.</summary>
    public long Total { get; private set; }

    /// <summary>The counts per bin (a copy), to send elsewhere and rebuild with <see cref="FromCounts"/>.</summary>
    public long[] Counts() => (long[])_counts.Clone();

    /// <summary>A histogram from counts per bin.</summary>
    public static InfluenceDistribution FromCounts(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != Bins)
        {
            throw new ArgumentException($"Expected {Bins} bins, got {counts.Count}.", nameof(counts));
        }

        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException("Counts must not be negative.", nameof(counts));
        }

        return new InfluenceDistribution([.. counts]);
    }

    /// <summary>Counts one customer.</summary>
    public void Add(double relativeInfluence)
    {
        _counts[BinOf(relativeInfluence)]++;
        Total++;
    }

    /// <summary>Adds another histogram's counts to this one.</summary>
    public void Merge(InfluenceDistribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Bins; i++)
        {
            _counts[i] += other._counts[i];
        }

        Total += other.Total;
    }

    /// <summary>The share of customers (0–100) below <paramref name="relativeInfluence"/>; null while empty.</summary>
    public double? PercentileOf(double relativeInfluence)
    {
        if (Total == 0)
        {
            return null;
        }

        var bin = BinOf(relativeInfluence);
        long below = 0;
        for (var i = 0; i < bin; i++)
        {
            below += _counts[i];
        }

        var position = (Math.Log10(Math.Max(relativeInfluence, double.Epsilon)) - MinLog10) * BinsPerDecade - bin;
        var within = _counts[bin] * Math.Clamp(position, 0, 1);
        return 100.0 * (below + within) / Total;
    }

    private static int BinOf(double relativeInfluence)
    {
        if (!(relativeInfluence > 0))
        {
            return 0;
        }

        var bin = (int)Math.Floor((Math.Log10(relativeInfluence) - MinLog10) * BinsPerDecade);
        return Math.Clamp(bin, 0, Bins - 1);
    }
}
