using Pulse.Grains.Customers;

namespace Pulse.Grains.Tests.Customers;

public sealed class SeenEventsTests
{
    [Fact]
    public void AnIdIsNewOnceThenSeen()
    {
        var seen = new SeenEvents();
        Assert.False(seen.CheckAndAdd("a", 1));
        Assert.True(seen.CheckAndAdd("a", 1));
        Assert.False(seen.CheckAndAdd("b", 2));
    }

    [Fact]
    public void MemoryIsBoundedAndOlderLogPositionsCountAsSeen()
    {
        var seen = new SeenEvents();
        for (var i = 1; i <= SeenEvents.Capacity + 10; i++)
        {
            Assert.False(seen.CheckAndAdd($"e{i}", i));
        }

        Assert.Equal(SeenEvents.Capacity, seen.Snapshot().Hashes.Length);

        // e1 was forgotten, but its log position is older than anything remembered: still refused.
        Assert.True(seen.CheckAndAdd("e1", 1));

        // An unlogged event (position 0) that was forgotten is taken again: the log is the first line of dedupe.
        Assert.False(seen.CheckAndAdd("e2", 0));
    }

    [Fact]
    public void ASnapshotRestoresTheSameMemory()
    {
        var seen = new SeenEvents();
        for (var i = 1; i <= 300; i++)
        {
            seen.CheckAndAdd($"e{i}", i);
        }

        var (hashes, positions) = seen.Snapshot();
        var restored = SeenEvents.Restore(hashes, positions);
        Assert.True(restored.CheckAndAdd("e300", 300));
        Assert.True(restored.CheckAndAdd("e50", 50));
        Assert.False(restored.CheckAndAdd("e301", 301));
    }
}
