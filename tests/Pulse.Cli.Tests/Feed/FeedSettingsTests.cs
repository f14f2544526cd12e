using Pulse.Cli.Feed;

namespace Pulse.Cli.Tests.Feed;

public sealed class FeedSettingsTests
{
    [Theory]
    [InlineData(1_000.0, 500, 100)]   // about ten POSTs a second
    [InlineData(5_000.0, 1_000, 500)]
    [InlineData(100_000.0, 500, 500)] // never above the largest batch
    [InlineData(3.0, 500, 1)]         // never below one event
    [InlineData(25.0, 500, 3)]        // rounded up: 2.5 → 3
    public void A_paced_feed_sends_batches_of_about_a_tenth_of_a_second(double rate, int maxBatch, int expected) =>
        Assert.Equal(expected, new FeedSettings { Rate = rate, BatchSize = maxBatch }.EffectiveBatchSize);

    [Fact]
    public void An_unpaced_feed_sends_full_batches() =>
        Assert.Equal(800, new FeedSettings { Rate = null, BatchSize = 800 }.EffectiveBatchSize);
}
