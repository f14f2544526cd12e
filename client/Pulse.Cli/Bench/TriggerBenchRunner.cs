using System.Globalization;
using System.Text.Json.Nodes;
using Pulse.Cli.Api;

namespace Pulse.Cli.Bench;

/// <summary>
/// Saves a set of typical rules plus a probe rule whose webhook is this process's loopback listener, streams
/// background events at a fixed rate, and sends probe events (reviews, which only the probe rule watches) at
/// a steady cadence: the time from POSTing a probe to its firing arriving at the listener is the sample.
/// The rules are removed afterwards.
/// </summary>
internal sealed class TriggerBenchRunner(PulseApiClient client, TimeProvider time)
{
    private const string ProbeRule = "bench.probe";
    private static readonly TimeSpan Straggle = TimeSpan.FromSeconds(5);

    public async Task<TriggerBenchResult> RunAsync(TriggerBenchSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        using var listener = new WebhookListener(settings.ReceiverPort, ProbeRule, time);
        var rules = Rules(settings.Rules, listener.Url);
        progress($"saving {rules.Count} rules (webhook: {listener.Url})");
        foreach (var (id, json) in rules)
        {
            var saved = await client.PutTriggerAsync(id, json, cancellationToken).ConfigureAwait(false);
            if (saved.Problems.Count > 0)
            {
                throw new PulseApiException($"The bench rule {id} was refused: {string.Join("; ", saved.Problems.Select(p => $"{p.Path}: {p.Message}"))}");
            }
        }

        try
        {
            // Every silo takes a new rule set within a second.
            await Task.Delay(TimeSpan.FromSeconds(1.5), time, cancellationToken).ConfigureAwait(false);
            progress($"streaming {settings.Rate:N0} events/s for {settings.Duration.TotalSeconds:N0} s with {settings.ProbesPerSecond:N0} probes/s");
            var run = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var stream = StreamAsync(settings, run, stop.Token);
            var sent = await ProbeAsync(settings, run, cancellationToken).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            var streamed = await stream.ConfigureAwait(false);

            var waited = time.GetTimestamp();
            while (sent.Keys.Any(k => !listener.ArrivedByEvent.ContainsKey(k)) && time.GetElapsedTime(waited) < Straggle)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
            }

            var samples = sent
                .Where(p => listener.ArrivedByEvent.ContainsKey(p.Key))
                .Select(p => time.GetElapsedTime(p.Value, listener.ArrivedByEvent[p.Key]).TotalMilliseconds)
                .ToList();
            return new TriggerBenchResult(
                rules.Count, settings.Rate, streamed / settings.Duration.TotalSeconds, sent.Count, sent.Count - samples.Count,
                listener.Duplicates, listener.Received, Percentiles.Summarize(samples));
        }
        finally
        {
            foreach (var (id, _) in rules)
            {
                await client.DeleteTriggerAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The probe rule and typical others: thresholds with hysteresis, combinations, events, inactivity.</summary>
    internal static List<(string Id, string Json)> Rules(int count, Uri webhook)
    {
        var rules = new List<(string, string)>
        {
            (ProbeRule, Rule(ProbeRule, "service", new JsonObject { ["event"] = "review" }, webhook)),
        };
        for (var i = 1; i < count; i++)
        {
            JsonObject when = (i % 5) switch
            {
                0 => new() { ["fact"] = "churn.probability", ["above"] = 0.9 + (i % 9 / 100.0), ["rearmBelow"] = 0.8 },
                1 => new() { ["fact"] = "kind.complaint.count.7d", ["atLeast"] = 5 + (i % 3), ["rearmBelow"] = 2 },
                2 => new()
                {
                    ["all"] = new JsonArray(
                        new JsonObject { ["fact"] = "clv.value", ["above"] = 1_000 + (i * 10) },
                        new JsonObject { ["fact"] = "churn.probability", ["above"] = 0.7, ["rearmBelow"] = 0.6 }),
                },
                3 => new()
                {
                    ["any"] = new JsonArray(
                        new JsonObject { ["fact"] = "sentiment.level7d", ["below"] = -0.8, ["rearmAbove"] = -0.5 },
                        new JsonObject { ["event"] = "refund" }),
                },
                _ => new() { ["inactiveFor"] = $"{30 + i}d" },
            };
            var id = $"bench.rule-{i:00}";
            rules.Add((id, Rule(id, i % 2 == 0 ? "marketing" : "service", when, webhook)));
        }

        return rules;
    }

    private static string Rule(string id, string category, JsonObject when, Uri webhook) => new JsonObject
    {
        ["id"] = id,
        ["name"] = $"pulse bench triggers: {id}",
        ["category"] = category,
        ["when"] = when,
        ["webhooks"] = new JsonArray(new JsonObject { ["url"] = webhook.ToString() }),
    }.ToJsonString();

    /// <summary>Background events in 20 ms ticks, up to four POSTs in flight; returns how many were accepted.</summary>
    private async Task<long> StreamAsync(TriggerBenchSettings settings, string run, CancellationToken cancellationToken)
    {
        string[] kinds = ["page-view", "page-view", "page-view", "page-view", "page-view", "page-view", "page-view", "purchase", "purchase", "chat", "complaint"];
        var random = new Random(settings.Seed);
        var tick = TimeSpan.FromMilliseconds(20);
        var started = time.GetTimestamp();
        var inFlight = new List<Task<IngestResult>>();
        long sent = 0, accepted = 0;
        try
        {
            for (var i = 1; ; i++)
            {
                var due = (long)(settings.Rate * tick.TotalSeconds * i);
                var batch = new List<InteractionPayload>((int)(due - sent));
                var now = time.GetUtcNow();
                for (; sent < due; sent++)
                {
                    var kind = kinds[random.Next(kinds.Length)];
                    batch.Add(new InteractionPayload(
                        $"tb-{run}-{sent}", $"tb-c{random.Next(settings.Customers)}", now, "web", kind,
                        Amount: kind == "purchase" ? Math.Round((decimal)(random.NextDouble() * 200), 2) : null));
                }

                inFlight.Add(client.PostInteractionsAsync(batch, cancellationToken));
                if (inFlight.Count >= 4)
                {
                    var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(done);
                    accepted += (await done.ConfigureAwait(false)).Accepted;
                }

                var wait = tick * i - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var task in inFlight)
            {
                try
                {
                    accepted += (await task.ConfigureAwait(false)).Accepted;
                }
                catch (OperationCanceledException)
                {
                    // Cut off by the end of the run.
                }
            }

            return accepted;
        }
    }

    /// <summary>Probe reviews at a steady cadence from 20 probe customers; returns each probe's send timestamp by event id.</summary>
    private async Task<Dictionary<string, long>> ProbeAsync(TriggerBenchSettings settings, string run, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        var interval = TimeSpan.FromSeconds(1 / settings.ProbesPerSecond);
        var started = time.GetTimestamp();
        for (var i = 0; time.GetElapsedTime(started) < settings.Duration; i++)
        {
            var wait = interval * i - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            var id = $"tb-probe-{run}-{i}";
            var t0 = time.GetTimestamp();
            var answer = await client.PostInteractionsAsync([new InteractionPayload(id, $"tb-probe-{i % 20}", time.GetUtcNow(), "web", "review", Text: "fine")], cancellationToken).ConfigureAwait(false);
            if (answer.Accepted == 1)
            {
                sent[id] = t0;
            }
        }

        return sent;
    }
}
