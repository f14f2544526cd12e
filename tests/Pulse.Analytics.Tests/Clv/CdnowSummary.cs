using System.Globalization;
using Pulse.Analytics.Clv;

namespace Pulse.Analytics.Tests.Clv;

/// <summary>
/// The 2,357-customer CDNOW sample in weeks, observed to 1997-09-30, as Fader &amp; Hardie summarise it
/// (Data/cdnow/cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar; see its SOURCE.md).
/// </summary>
internal static class CdnowSummary
{
    public sealed record Customer(int Id, RfmPoint Point, double MeanSpend);

    public static IReadOnlyList<Customer> Customers { get; } = Load();

    public static RfmHistogram Histogram() => RfmHistogram.From(Customers.Select(c => c.Point));

    private static List<Customer> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow", "cdnow_customers_summary_with_transactions.csv");
        return [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return new Customer(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                new RfmPoint(int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)),
                double.Parse(f[4], CultureInfo.InvariantCulture));
        })];
    }
}
