using Pulse.Contracts.Operations;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Operations;

/// <summary>The operator view's figures: each silo's applied events and latency, summed by the operations grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivityTests(ClusterFixture fixture)
{
    [Fact]
    public void PercentilesComeFromTheBucketsUpperEdges()
    {
        var counts = new long[LatencyHistogram.Buckets];
        counts[LatencyHistogram.BucketOf(10)] = 90;
        counts[LatencyHistogram.BucketOf(500)] = 10;

        // A bucket's upper edge is the first power of 2^(1/4) at or above the value: within 19 % of it.
        var p50 = LatencyHistogram.Quantile(counts, 0.50)!.Value;
        Assert.InRange(p50, 10, 10 * 1.19);
        var p95 = LatencyHistogram.Quantile(counts, 0.95)!.Value;
        Assert.InRange(p95, 500, 500 * 1.19);
        Assert.Null(LatencyHistogram.Quantile(new long[LatencyHistogram.Buckets], 0.5));
        Assert.Equal(LatencyHistogram.Buckets - 1, LatencyHistogram.BucketOf(1e9));
    }

    [Fact]
    public async Task LiveEventsShowAsAppliedWithTheirLatencyAcrossBothSilos()
    {
        var client = fixture.Pulse.Client;
        var prefix = "ops-" + Guid.NewGuid().ToString("N")[..6];

        // Forty customers: random placement spreads them over both silos, and both report.
        var now = DateTimeOffset.UtcNow;
        await client.IngestAsync(Enumerable.Range(0, 40).Select(i => Interactions.Make($"{prefix}-{i}", $"{prefix}-e{i}", now.AddMilliseconds(-50))));

        var activity = await Eventually.ReturnsAsync(
            () => client.GetGrain<IOperationsGrain>(0).GetActivityAsync(),
            a => a.Silos == 2 && a.AppliedPerSecond > 0 && a.LatencyP50Ms is not null,
            "both silos to report applied events",
            TimeSpan.FromSeconds(20));

        // Event time was 50 ms before ingest, so no live latency can be below it.
        Assert.True(activity.LatencyP50Ms >= 50, $"p50 {activity.LatencyP50Ms} ms");
        Assert.True(activity.LatencyP99Ms >= activity.LatencyP50Ms);
    }

    [Fact]
    public async Task ReportsOlderThanTheWindowDropOut()
    {
        var grain = fixture.Pulse.Client.GetGrain<IOperationsGrain>(0);
        var buckets = new long[LatencyHistogram.Buckets];
        buckets[LatencyHistogram.BucketOf(5_000)] = 1_000_000;

        // A report from long ago (a silo's clock, or one that stopped reporting) says nothing of now.
        await grain.ReportAsync(new SiloActivity("old-silo", DateTimeOffset.UtcNow.AddMinutes(-5), TimeSpan.FromSeconds(2), 1_000_000, buckets));
        var activity = await grain.GetActivityAsync();
        // The cluster's two silos may be reporting real work (other tests' events, some backdated by months, so their
        // latencies say nothing here); the old report would add a third silo and half a million events a second.
        Assert.True(activity.AppliedPerSecond < 100_000, $"{activity.AppliedPerSecond}/s counts the old report");
        Assert.True(activity.Silos <= 2, $"{activity.Silos} silos reporting: the old report counted");
    }
}
