using Pulse.Cli.Api;
using Pulse.Cli.Feed;

namespace Pulse.Cli.Bench;

/// <summary>The two phases of <c>pulse bench</c>: throughput with no pacing, then latency under a paced load.</summary>
internal sealed class BenchRunner(PulseApiClient client, TimeProvider time)
{
    /// <summary>The load's customers: the same ids every run, so repeated benches reuse them.</summary>
    public const string LoadPrefix = "bench-c-";

    public async Task<ThroughputResult> ThroughputAsync(
        BenchSettings settings, Func<FeedSettings, FeedStatistics, Func<Task>, Task> show, CancellationToken cancellationToken)
    {
        var feed = Load(settings, rate: null);
        var retriesBefore = client.Retries;
        var statistics = new FeedStatistics(time) { Retries = () => client.Retries - retriesBefore };
        var runner = new FeedRunner(client, time);
        await show(feed, statistics, () => runner.RunAsync(feed, statistics, cancellationToken)).ConfigureAwait(false);
        var s = statistics.Snapshot();
        return new ThroughputResult(
            s.Elapsed.TotalSeconds, settings.Concurrency, settings.BatchSize,
            s.Sent, s.Accepted, s.Duplicates, s.Rejected, s.Failed, s.Retries, s.AcceptedPerSecond);
    }

    public async Task<LatencyResult> LatencyAsync(
        BenchSettings settings, Func<FeedSettings, FeedStatistics, Func<Task>, Task> show, CancellationToken cancellationToken)
    {
        var feed = Load(settings, settings.Rate) with { Duration = settings.Warmup + settings.Duration };
        var retriesBefore = client.Retries;
        var statistics = new FeedStatistics(time) { Retries = () => client.Retries - retriesBefore };
        var runner = new FeedRunner(client, time);
        var probe = new LatencyProbe(client, time);

        // A fresh probe customer per run: its count starts from nothing the load could have touched.
        var probeCustomer = $"bench-probe-{Guid.NewGuid():N}"[..24];
        await show(feed, statistics, () => Task.WhenAll(
            runner.RunAsync(feed, statistics, cancellationToken),
            ProbeAfterWarmupAsync(probe, probeCustomer, settings, cancellationToken))).ConfigureAwait(false);

        var s = statistics.Snapshot();
        return new LatencyResult(
            s.Elapsed.TotalSeconds, settings.Rate, s.SentPerSecond, s.AcceptedPerSecond, settings.ProbesPerSecond,
            probe.Sent, probe.TimedOut, probe.Failed, Percentiles.Summarize(probe.Samples));
    }

    private async Task ProbeAfterWarmupAsync(LatencyProbe probe, string customer, BenchSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(settings.Warmup, time, cancellationToken).ConfigureAwait(false);
            await probe.RunAsync(customer, settings.ProbesPerSecond, settings.Duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the probes so far still count.
        }
    }

    private static FeedSettings Load(BenchSettings settings, double? rate) => new()
    {
        Customers = settings.Customers,
        CustomerPrefix = LoadPrefix,
        Rate = rate,
        Duration = settings.Duration,
        BatchSize = settings.BatchSize,
        Concurrency = settings.Concurrency,
        Seed = settings.Seed,
    };
}
