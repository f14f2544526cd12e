using Pulse.Analytics.Clv;
using Pulse.Analytics.Rfm;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Models;

/// <summary>
/// The population a lifetime-value fit sees: every customer's purchases up to the end of the as-of
/// day, summarised the way a customer grain summarises its own (<see cref="PurchaseHistory"/>), as
/// histograms. Each log partition is read and summarised on its own, in parallel, and the partial
/// histograms are merged once: no customer is called and no grain is hot.
/// </summary>
public sealed record ClvPopulation(RfmHistogram Purchases, SpendHistogram Spend)
{
    public static async Task<ClvPopulation> GatherAsync(IInteractionLog log, DateOnly asOf, double periodDays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodDays);
        var before = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var partials = await Task.WhenAll(Enumerable.Range(0, LogPartitions.Count).Select(p => Task.Run(() => GatherPartitionAsync(log, p, before, asOf, periodDays, cancellationToken), cancellationToken)));
        var purchases = new RfmHistogram();
        var spend = new SpendHistogram();
        foreach (var partial in partials)
        {
            purchases.Merge(partial.Purchases);
            spend.Merge(partial.Spend);
        }

        return new ClvPopulation(purchases, spend);
    }

    private static async Task<ClvPopulation> GatherPartitionAsync(IInteractionLog log, int partition, DateTimeOffset before, DateOnly asOf, double periodDays, CancellationToken cancellationToken)
    {
        var histories = new Dictionary<string, PurchaseHistory>(StringComparer.Ordinal);
        await foreach (var purchase in log.ReadPurchasesAsync(partition, before, cancellationToken))
        {
            if (!histories.TryGetValue(purchase.CustomerId, out var history))
            {
                histories[purchase.CustomerId] = history = new PurchaseHistory();
            }

            history.Add(DateOnly.FromDateTime(purchase.Timestamp.UtcDateTime), purchase.Amount);
        }

        var purchases = new RfmHistogram();
        var spend = new SpendHistogram();
        foreach (var history in histories.Values)
        {
            var (frequency, recency, t, monetary) = history.Summarize(asOf).InPeriods(periodDays);
            purchases.Add(new RfmPoint(frequency, recency, t));
            if (frequency > 0 && monetary > 0)
            {
                spend.Add(frequency, (double)monetary);
            }
        }

        return new ClvPopulation(purchases, spend);
    }
}
