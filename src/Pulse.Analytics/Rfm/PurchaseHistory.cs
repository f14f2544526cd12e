namespace Pulse.Analytics.Rfm;

/// <summary>
/// The distinct purchase days of one customer with the amount spent on each, kept sorted so that
/// purchases may arrive in any order and the RFM summary can be taken as of any day.
/// </summary>
/// <remarks>
/// Purchases are rare next to other interactions, so one entry per distinct purchase day is small;
/// it is what makes the summary exact under out-of-order arrival (a late purchase can become the
/// first purchase, or fall on a day already counted).
/// </remarks>
public sealed class PurchaseHistory
{
    private readonly List<int> _days = [];
    private readonly List<decimal> _amounts = [];

    /// <summary>Number of distinct purchase days held.</summary>
    public int DayCount => _days.Count;

    /// <summary>Distinct purchase days (<see cref="DateOnly.DayNumber"/>), ascending.</summary>
    public IReadOnlyList<int> Days => _days;

    /// <summary>Amount spent on each day in <see cref="Days"/>.</summary>
    public IReadOnlyList<decimal> Amounts => _amounts;

    /// <summary>Rebuilds a history from saved days and amounts (any order; same-day entries are summed).</summary>
    public static PurchaseHistory Restore(IReadOnlyList<int> days, IReadOnlyList<decimal> amounts)
    {
        if (days.Count != amounts.Count)
        {
            throw new ArgumentException("Days and amounts must have the same length.", nameof(amounts));
        }

        var history = new PurchaseHistory();
        for (var i = 0; i < days.Count; i++)
        {
            history.Add(DateOnly.FromDayNumber(days[i]), amounts[i]);
        }

        return history;
    }

    /// <summary>Records a purchase; same-day purchases are summed into one purchase period.</summary>
    public void Add(DateOnly day, decimal amount)
    {
        var dayNumber = day.DayNumber;
        var i = _days.BinarySearch(dayNumber);
        if (i >= 0)
        {
            _amounts[i] += amount;
            return;
        }

        i = ~i;
        _days.Insert(i, dayNumber);
        _amounts.Insert(i, amount);
    }

    /// <summary>The RFM summary observed at the end of <paramref name="observationDay"/>; later purchases are ignored.</summary>
    public RfmSummary Summarize(DateOnly observationDay)
    {
        var observed = _days.BinarySearch(observationDay.DayNumber);
        var count = observed >= 0 ? observed + 1 : ~observed;
        if (count == 0)
        {
            return RfmSummary.None;
        }

        var first = _days[0];
        var last = _days[count - 1];
        var frequency = count - 1;
        var repeatSum = 0m;
        for (var i = 1; i < count; i++)
        {
            repeatSum += _amounts[i];
        }

        return new RfmSummary(
            frequency,
            last - first,
            observationDay.DayNumber - first,
            frequency == 0 ? 0m : repeatSum / frequency,
            DateOnly.FromDayNumber(first));
    }
}
