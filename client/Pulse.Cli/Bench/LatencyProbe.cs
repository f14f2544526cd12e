using System.Text.Json;
using Pulse.Cli.Api;

namespace Pulse.Cli.Bench;

/// <summary>
/// Measures POST→visible latency: at a fixed cadence, sends one event for a dedicated probe customer in
/// its own small POST, then polls that customer until its interaction count shows the event.
/// </summary>
/// <remarks>Probes go one after another, so each one's expected count is known exactly.</remarks>
internal sealed class LatencyProbe(PulseApiClient client, TimeProvider time)
{
    /// <summary>A probe not visible by then is counted as timed out, not as a sample.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    public int Sent { get; private set; }

    public int TimedOut { get; private set; }

    public int Failed { get; private set; }

    /// <summary>POST→visible times in milliseconds, one per probe that became visible.</summary>
    public List<double> Samples { get; } = [];

    public async Task RunAsync(string probeCustomerId, double probesPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(probesPerSecond);
        var interval = TimeSpan.FromSeconds(1 / probesPerSecond);
        var expected = await client.GetInteractionCountAsync(probeCustomerId, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();

        for (var i = 0; ; i++)
        {
            var due = interval * i;
            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= duration || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (due > elapsed)
            {
                await Task.Delay(due - elapsed, time, cancellationToken).ConfigureAwait(false);
            }

            var probe = new InteractionPayload(
                $"{probeCustomerId}-{i}", probeCustomerId, time.GetUtcNow(), "web", "page-view");
            var t0 = time.GetTimestamp();
            Sent++;
            try
            {
                var answer = await client.PostInteractionsAsync([probe], cancellationToken).ConfigureAwait(false);
                if (answer.Accepted != 1)
                {
                    Failed++;
                    continue;
                }
            }
            catch (Exception ex) when (ex is PulseApiException or JsonException or HttpRequestException)
            {
                Failed++;
                continue;
            }

            expected++;
            bool visible;
            try
            {
                visible = await WaitUntilVisibleAsync(probeCustomerId, expected, t0, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PulseApiException or JsonException or HttpRequestException)
            {
                Failed++;
                continue;
            }

            if (visible)
            {
                Samples.Add(time.GetElapsedTime(t0).TotalMilliseconds);
            }
            else
            {
                TimedOut++;
            }
        }
    }

    private async Task<bool> WaitUntilVisibleAsync(string customerId, long expected, long t0, CancellationToken cancellationToken)
    {
        while (await client.GetInteractionCountAsync(customerId, cancellationToken).ConfigureAwait(false) < expected)
        {
            if (time.GetElapsedTime(t0) > VisibilityTimeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
