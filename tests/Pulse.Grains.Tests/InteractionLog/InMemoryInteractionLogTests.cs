using Pulse.Contracts.Interactions;
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

    [Fact]
    public async Task APartitionIsReadInPagesInPositionOrderAndEvictionKeepsItConsistent()
    {
        var log = New(1_500);
        var ids = Enumerable.Range(0, 200).Select(i => $"c{i}").ToList();
        await log.AppendAsync([.. Enumerable.Range(0, 2_000).Select(i => Interactions.Make(ids[i % ids.Count], $"e{i}", T0))]);

        var seen = new List<Interaction>();
        for (var partition = 0; partition < LogPartitions.Count; partition++)
        {
            var cursor = LogCursor.Start;
            while (true)
            {
                var page = await log.ReadPartitionAsync(partition, cursor, 37, TestContext.Current.CancellationToken);
                if (page.Interactions.Count == 0)
                {
                    Assert.Equal(cursor, page.Next);
                    break;
                }

                Assert.All(page.Interactions, i => Assert.Equal(partition, LogPartitions.Of(i.CustomerId)));
                Assert.True(page.Interactions.Zip(page.Interactions.Skip(1)).All(p => p.First.Position < p.Second.Position));
                Assert.True(page.Interactions[0].Position > cursor.Position);
                seen.AddRange(page.Interactions);
                cursor = page.Next;
            }
        }

        // The 500 oldest were evicted: every partition together holds exactly the newest 1,500.
        Assert.Equal(Enumerable.Range(501, 1_500).Select(p => (long)p), seen.Select(i => i.Position).Order());
    }

    [Fact]
    public async Task DeliveryCursorsAreKeptPerPartition()
    {
        var log = New(10);
        Assert.Equal(LogCursor.Start, await log.LoadCursorAsync(3, TestContext.Current.CancellationToken));
        await log.SaveCursorAsync(3, new LogCursor(0, 42), TestContext.Current.CancellationToken);
        Assert.Equal(new LogCursor(0, 42), await log.LoadCursorAsync(3, TestContext.Current.CancellationToken));
        Assert.Equal(LogCursor.Start, await log.LoadCursorAsync(4, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void CustomersSpreadEvenlyOverThePartitionsAndAlwaysLandInTheSameOne()
    {
        var counts = new int[LogPartitions.Count];
        for (var i = 0; i < 80_000; i++)
        {
            counts[LogPartitions.Of($"customer-{i}")]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
        Assert.Equal(LogPartitions.Of("c-17"), LogPartitions.Of(string.Concat("c-", "17")));
        Assert.InRange(LogPartitions.Of(new string('x', 5_000)), 0, LogPartitions.Count - 1);
    }

    private static InMemoryInteractionLog New(int capacity) =>
        new(Options.Create(new InMemoryInteractionLogOptions { Capacity = capacity }));
}
