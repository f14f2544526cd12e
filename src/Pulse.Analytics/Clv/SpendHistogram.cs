namespace Pulse.Analytics.Clv;

/// <summary>
/// Repeat buyers counted by identical (frequency, mean spend per repeat purchase): the Gamma-Gamma
/// model's data, compressed the way <see cref="RfmHistogram"/> compresses the purchase-count models'.
/// Customers without a repeat purchase carry no information about spend and are not counted.
/// </summary>
public sealed class SpendHistogram
{
    private readonly Dictionary<(int Frequency, double MeanSpend), long> _counts = [];

    public long Customers { get; private set; }

    public IReadOnlyDictionary<(int Frequency, double MeanSpend), long> Counts => _counts;

    public void Add(int frequency, double meanSpend, long customers = 1)
    {
        if (frequency <= 0)
        {
            return;
        }

        if (!(meanSpend > 0) || double.IsInfinity(meanSpend))
        {
            throw new ArgumentOutOfRangeException(nameof(meanSpend), meanSpend, "mean spend of a repeat buyer must be a positive number");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        _counts[(frequency, meanSpend)] = _counts.GetValueOrDefault((frequency, meanSpend)) + customers;
        Customers += customers;
    }

    public void Merge(SpendHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, count) in other._counts)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + count;
        }

        Customers += other.Customers;
    }
}
