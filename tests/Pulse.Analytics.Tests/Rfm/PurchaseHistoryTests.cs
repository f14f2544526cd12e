using Pulse.Analytics.Rfm;

namespace Pulse.Analytics.Tests.Rfm;

public sealed class PurchaseHistoryTests
{
    private static readonly DateOnly Day1 = new(2026, 3, 1);

    [Fact]
    public void NoPurchaseGivesTheEmptySummary()
    {
        Assert.Equal(RfmSummary.None, new PurchaseHistory().Summarize(Day1));
    }

    [Fact]
    public void SameDayPurchasesFormOnePeriodWithTheirSum()
    {
        var history = new PurchaseHistory();
        history.Add(Day1, 10m);
        history.Add(Day1.AddDays(5), 3m);
        history.Add(Day1.AddDays(5), 4m);

        var summary = history.Summarize(Day1.AddDays(9));
        Assert.Equal(new RfmSummary(1, 5, 9, 7m, Day1), summary);
    }

    [Fact]
    public void ALatePurchaseBeforeTheFirstBecomesTheFirstAndTheOldFirstBecomesARepeat()
    {
        var history = new PurchaseHistory();
        history.Add(Day1, 10m);
        history.Add(Day1.AddDays(-4), 99m);

        var summary = history.Summarize(Day1.AddDays(6));
        Assert.Equal(new RfmSummary(1, 4, 10, 10m, Day1.AddDays(-4)), summary);
    }

    [Fact]
    public void RestoreRebuildsTheSameHistory()
    {
        var history = new PurchaseHistory();
        history.Add(Day1, 1m);
        history.Add(Day1.AddDays(2), 2m);
        var restored = PurchaseHistory.Restore(history.Days, history.Amounts);

        Assert.Equal(history.Summarize(Day1.AddDays(3)), restored.Summarize(Day1.AddDays(3)));
        Assert.Throws<ArgumentException>(() => PurchaseHistory.Restore([1], []));
    }
}
