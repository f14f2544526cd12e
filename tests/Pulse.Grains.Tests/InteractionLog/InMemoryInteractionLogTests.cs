using Microsoft.Extensions.Options;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.InteractionLog;

public sealed class InMemoryInteractionLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PositionsGrowAndADuplicateReturnsTheFirstLoggedForm()
    {
        var log = New(100);
        var first = await log.AppendAsync([Interactions.Make("a", "1", T0), Interactions.Make("b", "2", T0)]);
        var again = await log.AppendAsync([Interactions.Make("a", "1", T0.AddDays(1)), Interactions.Make("a", "3", T0)]);

        Assert.Equal([1L, 2L], first.Select(l => l.Interaction.Position));
        Assert.True(again[0].IsDuplicate);
        Assert.Equal(T0, again[0].Interaction.Timestamp);
        Assert.Equal(1, again[0].Interaction.Position);
        Assert.False(again[1].IsDuplicate);
        Assert.Equal(3, again[1].Interaction.Position);
    }

    [Fact]
    public async Task ReadGivesOneCustomersInteractionsAfterAPosition()
    {
        var log = New(100);
        await log.AppendAsync(Enumerable.Range(0, 10).Select(i => Interactions.Make(i % 2 == 0 ? "even" : "odd", $"e{i}", T0)).ToList());

        var after = await log.ReadAsync("even", 4, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["e4", "e6", "e8"], after.Select(i => i.EventId));
    }

    [Fact]
    public async Task OverCapacityTheOldestAreForgottenIdsIncluded()
    {
        var log = New(3);
        await log.AppendAsync([.. Enumerable.Range(0, 5).Select(i => Interactions.Make("c", $"e{i}", T0))]);

        Assert.Equal(3, log.Count);
        var held = await log.ReadAsync("c", 0, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["e2", "e3", "e4"], held.Select(i => i.EventId));
        Assert.False((await log.AppendAsync([Interactions.Make("c", "e0", T0)]))[0].IsDuplicate);
    }

    private static InMemoryInteractionLog New(int capacity) =>
        new(Options.Create(new InMemoryInteractionLogOptions { Capacity = capacity }));
}
