using System.Globalization;
using Pulse.Analytics.Rfm;

namespace Pulse.Analytics.Tests.Rfm;

/// <summary>
/// The RFM summary of the CDNOW sample must equal the reference summary that ships with the
/// <c>lifetimes</c> library (cdnow_customers_summary_with_transactions.csv: x, t_x, T, zbar),
/// observed to 1997-09-30 with periods in weeks (days / 7), customer by customer.
/// </summary>
public sealed class CdnowRfmSummaryTests
{
    private static readonly DateOnly ObservationEnd = new(1997, 9, 30);
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow");

    [Fact]
    public void SummaryOfTheCdnowSampleEqualsTheLifetimesReferenceForEveryCustomer()
    {
        var histories = ReadSample();
        var reference = ReadReference();
        Assert.Equal(2357, reference.Count);
        Assert.Equal(reference.Count, histories.Count);

        var mismatches = new List<string>();
        foreach (var (id, expected) in reference)
        {
            var rfm = histories[id].Summarize(ObservationEnd);
            var (frequency, recency, t, monetary) = rfm.InPeriods(7);
            if (frequency != expected.X ||
                Math.Round(recency, 2, MidpointRounding.AwayFromZero) != expected.Tx ||
                Math.Round(t, 2, MidpointRounding.AwayFromZero) != expected.T ||
                Math.Round(monetary, 2, MidpointRounding.AwayFromZero) != expected.Zbar)
            {
                mismatches.Add($"{id}: got ({frequency}, {recency:F2}, {t:F2}, {monetary:F2}), expected ({expected.X}, {expected.Tx}, {expected.T}, {expected.Zbar})");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} customers differ, e.g. {string.Join("; ", mismatches.Take(5))}");
    }

    [Fact]
    public void ArrivalOrderDoesNotChangeTheSummary()
    {
        var rows = ReadRows();
        var inOrder = Summaries(rows);
        var shuffled = rows.ToArray();
        new Random(7).Shuffle(shuffled);
        var outOfOrder = Summaries(shuffled);

        Assert.Equal(inOrder.Count, outOfOrder.Count);
        foreach (var (id, summary) in inOrder)
        {
            Assert.Equal(summary, outOfOrder[id]);
        }
    }

    [Fact]
    public void PurchasesAfterTheObservationDayAreIgnored()
    {
        // Sample customer 1 bought on 1997-01-01, 1997-01-18, 1997-08-02 and 1997-12-12 (CDNOW_sample.txt).
        var customer = ReadSample()[1];
        var summary = customer.Summarize(ObservationEnd);

        Assert.Equal(2, summary.Frequency);
        Assert.Equal(new DateOnly(1997, 8, 2).DayNumber - new DateOnly(1997, 1, 1).DayNumber, summary.RecencyDays);
        Assert.Equal((29.73m + 14.96m) / 2, summary.MonetaryValue);
        Assert.Equal(3, customer.Summarize(new DateOnly(1998, 6, 30)).Frequency);
    }

    private static Dictionary<int, RfmSummary> Summaries(IEnumerable<(int Id, DateOnly Day, decimal Value)> rows) =>
        rows.GroupBy(r => r.Id).ToDictionary(
            g => g.Key,
            g =>
            {
                var history = new PurchaseHistory();
                foreach (var (_, day, value) in g)
                {
                    history.Add(day, value);
                }

                return history.Summarize(ObservationEnd);
            });

    private static Dictionary<int, PurchaseHistory> ReadSample()
    {
        var histories = new Dictionary<int, PurchaseHistory>();
        foreach (var (id, day, value) in ReadRows())
        {
            if (!histories.TryGetValue(id, out var history))
            {
                histories[id] = history = new PurchaseHistory();
            }

            history.Add(day, value);
        }

        return histories;
    }

    private static List<(int Id, DateOnly Day, decimal Value)> ReadRows() =>
        File.ReadLines(Path.Combine(DataDirectory, "CDNOW_sample.txt"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (
                int.Parse(f[1], CultureInfo.InvariantCulture),
                DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();

    private static Dictionary<int, (int X, double Tx, double T, decimal Zbar)> ReadReference() =>
        File.ReadLines(Path.Combine(DataDirectory, "cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(','))
            .ToDictionary(
                f => int.Parse(f[0], CultureInfo.InvariantCulture),
                f => (
                    int.Parse(f[1], CultureInfo.InvariantCulture),
                    double.Parse(f[2], CultureInfo.InvariantCulture),
                    double.Parse(f[3], CultureInfo.InvariantCulture),
                    decimal.Parse(f[4], CultureInfo.InvariantCulture)));
}
