using System.Globalization;
using Pulse.Analytics.Clv;

namespace Pulse.Benchmarks.Clv;

/// <summary>
/// The full CDNOW master file (23,570 customers; Data/cdnow, see its SOURCE.md) summarised in weeks the
/// way lifetimes' <c>summary_data_from_transaction_data(..., freq='W', observation_period_end=...)</c>
/// does: each date becomes its pandas week period (Monday to Sunday); x is the number of distinct
/// purchase weeks less the first, tₓ and T are whole weeks from the first purchase week to the last
/// purchase week and to the week of the observation end; the mean spend sums each week's purchases
/// and averages the weeks after the first.
/// </summary>
public static class CdnowMaster
{
    /// <summary>The observation end the summary is taken at: the file's last day.</summary>
    public static readonly DateOnly ObservationEnd = new(1998, 6, 30);

    public static CdnowCustomer[] Customers()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow", "CDNOW_master.txt");
        var spendByWeek = new Dictionary<string, SortedDictionary<int, double>>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4)
            {
                continue;
            }

            var date = DateOnly.ParseExact(fields[1], "yyyyMMdd", CultureInfo.InvariantCulture);
            if (date > ObservationEnd)
            {
                continue;
            }

            if (!spendByWeek.TryGetValue(fields[0], out var weeks))
            {
                spendByWeek[fields[0]] = weeks = [];
            }

            var week = Week(date);
            weeks[week] = weeks.GetValueOrDefault(week) + double.Parse(fields[3], CultureInfo.InvariantCulture);
        }

        var end = Week(ObservationEnd);
        return [.. spendByWeek.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
        {
            var first = c.Value.Keys.First();
            var last = c.Value.Keys.Last();
            var repeat = c.Value.Skip(1).Select(w => w.Value).ToArray();
            var point = new RfmPoint(c.Value.Count - 1, last - first, end - first);
            return new CdnowCustomer(c.Key, point, repeat.Length == 0 ? 0 : repeat.Average());
        })];
    }

    /// <summary>The pandas week period ('W', weeks ending on Sunday) as a count of weeks: 0001-01-01 was a Monday.</summary>
    private static int Week(DateOnly date) => date.DayNumber / 7;
}
