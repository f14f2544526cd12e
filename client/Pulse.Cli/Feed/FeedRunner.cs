using System.Text.Json;
using System.Threading.Channels;
using Pulse.Analytics.Simulation;
using Pulse.Cli.Api;

namespace Pulse.Cli.Feed;

/// <summary>
/// Runs the population simulator at a paced rate and sends its events in batches with several POSTs in
/// flight. One producer (the simulator is single-threaded) fills a small bounded queue; senders drain it,
/// so a slow server slows the producer instead of piling events up in memory.
/// </summary>
internal sealed class FeedRunner(PulseApiClient client, TimeProvider time)
{
    /// <summary>How long batches already in flight may take to finish after a stop is asked for.</summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    /// <summary>Runs until the count or duration is reached or <paramref name="stop"/> fires; every event sent is counted in <paramref name="statistics"/>.</summary>
    public async Task RunAsync(FeedSettings settings, FeedStatistics statistics, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var simulator = new PopulationSimulator(
            new SimulationOptions { Customers = settings.Customers, CustomerPrefix = settings.CustomerPrefix },
            settings.Seed);
        var queue = Channel.CreateBounded<InteractionPayload[]>(new BoundedChannelOptions(settings.Concurrency * 2)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // Senders get a token of their own: a stop lets batches in flight finish (their outcome is then
        // known) for a short grace, instead of abandoning them mid-request.
        using var inFlight = new CancellationTokenSource();
        using var registration = stop.Register(() => inFlight.CancelAfter(DrainGrace));

        var senders = Enumerable.Range(0, settings.Concurrency)
            .Select(_ => Task.Run(() => SendAllAsync(queue.Reader, statistics, stop, inFlight.Token), CancellationToken.None))
            .ToArray();
        try
        {
            await ProduceAsync(simulator, settings, queue.Writer, stop).ConfigureAwait(false);
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(senders).ConfigureAwait(false);
            statistics.Stop();
        }
    }

    private async Task ProduceAsync(
        PopulationSimulator simulator, FeedSettings settings, ChannelWriter<InteractionPayload[]> writer, CancellationToken stop)
    {
        var batchSize = settings.EffectiveBatchSize;
        var bucket = settings.Rate is { } rate ? new TokenBucket(rate, batchSize, time) : null;
        var started = time.GetTimestamp();
        var produced = 0L;

        try
        {
            while (!stop.IsCancellationRequested)
            {
                var size = settings.Count is { } count ? (int)Math.Min(batchSize, count - produced) : batchSize;
                if (size <= 0 || PastDeadline(settings, started))
                {
                    return;
                }

                if (bucket?.Reserve(size) is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stop).ConfigureAwait(false);
                    if (PastDeadline(settings, started))
                    {
                        return;
                    }
                }

                var now = time.GetUtcNow();
                var batch = new InteractionPayload[size];
                for (var i = 0; i < size; i++)
                {
                    batch[i] = InteractionPayload.From(simulator.Next(now));
                }

                await writer.WriteAsync(batch, stop).ConfigureAwait(false);
                produced += size;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping is the normal end of an open-ended feed.
        }
    }

    private bool PastDeadline(FeedSettings settings, long started) =>
        settings.Duration is { } duration && time.GetElapsedTime(started) >= duration;

    private async Task SendAllAsync(
        ChannelReader<InteractionPayload[]> reader, FeedStatistics statistics, CancellationToken stop, CancellationToken inFlight)
    {
        try
        {
            // After a stop, batches still queued were never sent: they are dropped uncounted, not failed.
            await foreach (var batch in reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                await SendAsync(batch, statistics, inFlight).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while waiting for the next batch.
        }
    }

    private async Task SendAsync(InteractionPayload[] batch, FeedStatistics statistics, CancellationToken inFlight)
    {
        statistics.Sending(batch.Length);
        try
        {
            var posted = time.GetTimestamp();
            var result = await client.PostInteractionsAsync(batch, inFlight).ConfigureAwait(false);
            statistics.Acknowledged(time.GetElapsedTime(posted));
            statistics.Answered(result);
        }
        catch (PulseApiException ex)
        {
            statistics.BatchFailed(batch.Length, ex.Message);
        }
        catch (JsonException ex)
        {
            statistics.BatchFailed(batch.Length, $"unreadable answer: {ex.Message}");
        }
        catch (OperationCanceledException) when (inFlight.IsCancellationRequested)
        {
            statistics.BatchFailed(batch.Length, "stopped while in flight: the server may or may not have applied it");
        }
    }
}
