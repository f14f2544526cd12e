namespace Pulse.Analytics.Clv;

/// <summary>
/// Customers counted by identical (frequency, recency, T): every customer with the same triple adds
/// the same term to a model's log-likelihood, so a fit costs what the distinct triples cost, however
/// many customers there are. Histograms built apart (per silo, per file) merge by adding counts.
/// </summary>
public sealed class RfmHistogram
{
    private readonly Dictionary<RfmPoint, long> _counts = [];

    /// <summary>Customers counted.</summary>
    public long Customers { get; private set; }

    /// <summary>Distinct triples.</summary>
    public int Distinct => _counts.Count;

    public IReadOnlyDictionary<RfmPoint, long> Counts => _counts;

    public void Add(RfmPoint point, long customers = 1)
    {
        point.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        _counts[point] = _counts.GetValueOrDefault(point) + customers;
        Customers += customers;
    }

    public void Merge(RfmHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (point, count) in other._counts)
        {
            _counts[point] = _counts.GetValueOrDefault(point) + count;
        }

        Customers += other.Customers;
    }

    public static RfmHistogram From(IEnumerable<RfmPoint> points)
    {
        var histogram = new RfmHistogram();
        foreach (var point in points)
        {
            histogram.Add(point);
        }

        return histogram;
    }
}
