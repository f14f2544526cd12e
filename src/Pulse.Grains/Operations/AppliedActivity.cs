using System.Diagnostics.Metrics;
using Pulse.Contracts.Operations;

namespace Pulse.Grains.Operations;

/// <summary>
/// What this silo's customers applied: a running count and a latency histogram, written by every
/// customer grain (so lock-free), taken by the reporter for the operator view and read by the
/// <c>Pulse</c> meter for Prometheus (<c>pulse.apply.latency</c>; the count is observed by <see cref="SiloMetrics"/>).
/// </summary>
public sealed class AppliedActivity
{
    /// <summary>Events older than this (a backfill, a replay) say nothing about live latency.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(1);

    /// <summary>Bucket edges of the exported histogram, in seconds: from a millisecond to the live window.</summary>
    public static readonly IReadOnlyList<double> LatencyBucketEdges =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private long _applied;
    private long _taken;
    private readonly long[] _buckets = new long[LatencyHistogram.Buckets];
    private readonly Histogram<double> _latency;

    public AppliedActivity(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _latency = meters.Create(PulseMeter.Name).CreateHistogram(
            "pulse.apply.latency",
            unit: "s",
            description: "Event time to applied on its customer, for live events (at most a minute old).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketEdges });
    }

    /// <summary>Interactions this silo's customers applied since it started (each event id once).</summary>
    public long Total => Volatile.Read(ref _applied);

    /// <summary>One interaction applied at <paramref name="now"/> (the caller reads the clock once per batch), with the event time it carried.</summary>
    public void Applied(DateTimeOffset eventTime, DateTimeOffset now)
    {
        Interlocked.Increment(ref _applied);
        var age = now - eventTime;
        if (age >= TimeSpan.Zero && age <= LiveWindow)
        {
            Interlocked.Increment(ref _buckets[LatencyHistogram.BucketOf(age.TotalMilliseconds)]);
            _latency.Record(age.TotalSeconds);
        }
    }

    /// <summary>Takes what gathered since the last take, leaving the buckets at zero; one taker (the reporter).</summary>
    public (long Applied, long[] Buckets) Take()
    {
        var buckets = new long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Exchange(ref _buckets[i], 0);
        }

        // The running count never goes back (Prometheus reads it as a counter); the report takes the difference.
        var total = Total;
        var applied = total - _taken;
        _taken = total;
        return (applied, buckets);
    }
}
