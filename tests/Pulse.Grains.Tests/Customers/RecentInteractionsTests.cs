using Pulse.Grains.Customers;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

public sealed class RecentInteractionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void KeepsTheLatestFiftyByEventTimeNewestFirst()
    {
        var recent = new RecentInteractions();
        foreach (var i in Enumerable.Range(0, 120).OrderBy(i => (i * 37) % 120))
        {
            recent.Add(Interactions.Make("c", $"e{i}", T0.AddMinutes(i)));
        }

        var newest = recent.NewestFirst();
        Assert.Equal(RecentInteractions.Capacity, newest.Count);
        Assert.Equal(Enumerable.Range(70, 50).Reverse().Select(i => $"e{i}"), newest.Select(i => i.EventId));
    }

    [Fact]
    public void ALateEventOlderThanEverythingKeptIsNotAdded()
    {
        var recent = new RecentInteractions();
        for (var i = 0; i < RecentInteractions.Capacity; i++)
        {
            recent.Add(Interactions.Make("c", $"e{i}", T0.AddMinutes(i + 10)));
        }

        recent.Add(Interactions.Make("c", "old", T0));
        Assert.DoesNotContain(recent.NewestFirst(), i => i.EventId == "old");
    }
}
