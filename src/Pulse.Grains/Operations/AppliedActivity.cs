using Pulse.Contracts.Operations;

namespace Pulse.Grains.Operations;

/// <summary>
/// What this silo's customers applied since the last report: a count and a latency histogram, written
/// by every customer grain (so lock-free) and taken by the reporter.
/// </summary>
public sealed class AppliedActivity
{
    /// <summary>Events older than this (a backfill, a replay) say nothing about live latency.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(1);

    private long _applied;
    private readonly long[] _buckets = new long[LatencyHistogram.Buckets];

    /// <summary>One interaction applied at <paramref name="now"/> (the caller reads the clock once per batch), with the event time it carried.</summary>
    public void Applied(DateTimeOffset eventTime, DateTimeOffset now)
    {
        Interlocked.Increment(ref _applied);
        var age = now - eventTime;
        if (age >= TimeSpan.Zero && age <= LiveWindow)
        {
            Interlocked.Increment(ref _buckets[LatencyHistogram.BucketOf(age.TotalMilliseconds)]);
        }
    }

    /// <summary>Takes what gathered since the last take, leaving zeros.</summary>
    public (long Applied, long[] Buckets) Take()
    {
        var buckets = new long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Exchange(ref _buckets[i], 0);
        }

        return (Interlocked.Exchange(ref _applied, 0), buckets);
    }
}
