using Microsoft.Extensions.Time.Testing;
using Pulse.Cli.Feed;

namespace Pulse.Cli.Tests.Feed;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_full_bucket_lets_one_burst_through_then_charges_the_debt_in_time()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 1_000, capacity: 100, time);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve(100));
        Assert.Equal(TimeSpan.FromMilliseconds(300), bucket.Reserve(200));
    }

    [Fact]
    public void Tokens_refill_at_the_rate_but_never_beyond_the_capacity()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 500, capacity: 50, time);
        bucket.Reserve(50);

        time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(20, bucket.Available, 9);

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(50, bucket.Available, 9);
    }

    [Fact]
    public void Over_a_long_run_the_rate_is_exact_whatever_the_batch_size()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 2_000, capacity: 250, time);
        var start = time.GetUtcNow();

        // 40,000 events in uneven batches, each sent only once its wait has passed.
        var sent = 0;
        var sizes = new[] { 250, 17, 250, 133, 1 };
        for (var i = 0; sent < 40_000; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], 40_000 - sent);
            time.Advance(bucket.Reserve(size));
            sent += size;
        }

        // The first burst (the capacity) is free; the rest goes at exactly 2,000/s.
        var elapsed = time.GetUtcNow() - start;
        Assert.Equal((40_000 - 250) / 2_000.0, elapsed.TotalSeconds, 6);
    }

    [Fact]
    public void A_late_waiter_does_not_earn_a_burst_larger_than_the_capacity()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 100, capacity: 10, time);
        bucket.Reserve(10);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.Zero, bucket.Reserve(10));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve(10));
    }

    [Theory]
    [InlineData(0.0, 10.0)]
    [InlineData(-5.0, 10.0)]
    [InlineData(100.0, 0.5)]
    public void Nonsense_rates_and_capacities_are_refused(double rate, double capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(rate, capacity, TimeProvider.System));
}
