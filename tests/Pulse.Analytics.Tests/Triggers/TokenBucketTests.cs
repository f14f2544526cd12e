using Pulse.Analytics.Triggers;
using static Pulse.Analytics.Tests.Triggers.TriggerTesting;

namespace Pulse.Analytics.Tests.Triggers;

public sealed class TokenBucketTests
{
    [Fact]
    public void ABucketStartsFullAndRefillsAtItsRate()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, capacity: 3);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => bucket.TryTake(Start)));
        Assert.False(bucket.TryTake(Start.AddMilliseconds(99)));
        Assert.True(bucket.TryTake(Start.AddMilliseconds(100)));
        Assert.False(bucket.TryTake(Start.AddMilliseconds(100)));

        // A long pause refills up to the capacity, not beyond.
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => bucket.TryTake(Start.AddMinutes(1))));
    }

    [Fact]
    public void TimeGoingBackRefillsNothing()
    {
        var bucket = new TokenBucket(1, 1);

        Assert.True(bucket.TryTake(Start.AddSeconds(10)));
        Assert.False(bucket.TryTake(Start));
        Assert.False(bucket.TryTake(Start.AddSeconds(10.5)));
        Assert.True(bucket.TryTake(Start.AddSeconds(11)));
    }

    [Fact]
    public void OverAMinuteASiloFiresItsShareOfTheRuleRate()
    {
        var rules = Set(Rule("""{"event":"complaint"}""", """{"rateLimit":6}""", id: "limited"), Rule("""{"event":"complaint"}""", id: "free"));
        var limiter = new TriggerRateLimiter(rules, silos: 3);
        var limited = rules.IndexOf("limited");

        var taken = Enumerable.Range(0, 6_000).Count(i => limiter.TryTake(limited, Start.AddMilliseconds(i * 10)));

        // 2 per second for 60 s, plus the initial burst of 2.
        Assert.InRange(taken, 120, 122);
        Assert.True(Enumerable.Range(0, 100).All(_ => limiter.TryTake(rules.IndexOf("free"), Start)));
        Assert.Null(limiter.SiloRate(rules.IndexOf("free")));
    }

    [Fact]
    public void InvalidBucketsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(double.PositiveInfinity, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TriggerRateLimiter(Set(), 0));
    }
}
