using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pulse.Testing.Network;
using Pulse.Testing.Processes;

namespace Pulse.Web.Tests.Operations;

/// <summary>
/// <c>/metrics</c> of a real silo process while a feed of purchases runs through it, with a trigger rule that
/// fires on every purchase and a webhook nobody answers: each figure the operator watches must be there and
/// moved by the feed. A process of its own, because meters are process-wide: hosts of other tests starting
/// and stopping in this process would otherwise share (and end) its metric streams.
/// </summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private PulseProcess _silo = null!;
    private HttpClient _http = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _silo = await PulseProcess.StartAsync(
            "metrics-silo",
            [
                "--Pulse:Demo:Enabled=false",
                "--Pulse:Triggers:Secrets:default=metrics-test-secret",
                "--Pulse:Triggers:Delivery:FirstRetry=00:00:00.050",
                $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
                $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
                "--Pulse:Orleans:ClusterId=metrics",
                "--Logging:LogLevel:Default=Warning",
            ],
            cancellationToken: Token);
        _http = new HttpClient { BaseAddress = _silo.Http };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _silo.StopAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task The_scrape_shows_accepted_applied_latency_lag_firings_failures_models_and_activations_while_the_feed_runs()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rule = $"every-purchase-{run}";
        await SaveRuleAsync(rule, new Uri($"http://127.0.0.1:{FreePorts.Next()}/nobody-listens"));

        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var feed = FeedAsync(run, stopFeed.Token);
        IReadOnlyList<PrometheusSample> scrape = [];
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
            while (DateTime.UtcNow < deadline)
            {
                scrape = await ScrapeAsync();
                if (Sum(scrape, "pulse_events_applied_total") >= 200 &&
                    Sum(scrape, "pulse_triggers_fired_total", ("rule", rule)) > 0 &&
                    Sum(scrape, "pulse_triggers_delivery_failures_total", ("rule", rule)) > 0 &&
                    Sum(scrape, "pulse_models_version", ("model", "sentiment")) >= 1)
                {
                    break;
                }

                await Task.Delay(250, Token);
            }
        }
        finally
        {
            await stopFeed.CancelAsync();
            await feed;
        }

        var posted = await feed;
        Assert.True(posted >= 200, $"the feed posted {posted} events");

        // Ingest: what this process accepted; delivery: what its customers applied.
        Assert.True(Sum(scrape, "pulse_events_accepted_total") >= 200, Names(scrape, "pulse_events"));
        Assert.True(Sum(scrape, "pulse_events_applied_total") >= 200, Names(scrape, "pulse_events"));

        // A resend and an invalid item are counted as such, not as accepted: this process accepted exactly what the feed was told.
        var resend = new JsonArray(
            new JsonObject { ["eventId"] = $"feed-{run}-0-0", ["customerId"] = $"feed-{run}-0", ["timestamp"] = DateTimeOffset.UtcNow, ["channel"] = "web", ["kind"] = "purchase", ["amount"] = 10 },
            new JsonObject { ["eventId"] = $"bad-{run}", ["customerId"] = $"feed-{run}-0", ["timestamp"] = DateTimeOffset.UtcNow, ["channel"] = "carrier-pigeon", ["kind"] = "purchase" });
        using (var response = await _http.PostAsync("/api/v1/interactions", new StringContent(resend.ToJsonString(), Encoding.UTF8, "application/json"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The exporter caches a scrape for a moment (300 ms): ask until the request shows.
        var after = await ScrapeAsync();
        for (var i = 0; i < 20 && Sum(after, "pulse_events_rejected_total") == 0; i++)
        {
            await Task.Delay(100, Token);
            after = await ScrapeAsync();
        }

        Assert.Equal(posted, Sum(after, "pulse_events_accepted_total"));
        Assert.Equal(1, Sum(after, "pulse_events_duplicates_total"));
        Assert.Equal(1, Sum(after, "pulse_events_rejected_total"));

        // Every feed event is live (stamped at send), so each lands in the latency histogram, within its buckets.
        var latencyCount = Sum(scrape, "pulse_apply_latency_seconds_count");
        Assert.True(latencyCount >= 200, $"latency samples {latencyCount}");
        Assert.Contains(scrape, b => b.Name == "pulse_apply_latency_seconds_bucket" && b.Labels["le"] == "0.1");
        Assert.Equal(latencyCount, Sum(scrape, "pulse_apply_latency_seconds_bucket", ("le", "+Inf")));
        Assert.True(Sum(scrape, "pulse_apply_latency_seconds_sum") > 0);

        // One silo delivers all eight log partitions, and keeps up: each reached the end of the log within seconds.
        var lag = scrape.Where(s => s.Name == "pulse_delivery_lag_seconds").ToLookup(s => s.Labels["partition"], s => s.Value);
        Assert.Equal(8, lag.Count);
        Assert.All(lag, partition => Assert.InRange(partition.Min(), 0, 10));

        // The rule fired, and its webhook failed and was queued for a retry.
        Assert.True(Sum(scrape, "pulse_triggers_fired_total", ("rule", rule)) > 0, Names(scrape, "pulse_triggers"));
        Assert.True(Sum(scrape, "pulse_triggers_delivery_failures_total", ("rule", rule), ("outcome", "retry")) > 0, Names(scrape, "pulse_triggers"));

        // Every model has its version; the shipped sentiment model is published as version 1 by the first silo.
        Assert.All(["clv", "sentiment", "churn", "segments"], model => Assert.Contains(scrape, s => s.Name == "pulse_models_version" && s.Labels["model"] == model));
        Assert.True(Sum(scrape, "pulse_models_version", ("model", "sentiment")) >= 1, Names(scrape, "pulse_models"));

        // Orleans' own figures: the feed's customers are activations on this silo.
        var activations = scrape.Where(s => s.Name.StartsWith("orleans_", StringComparison.Ordinal) && s.Name.Contains("activation", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(activations);
        Assert.True(Sum(scrape, "orleans_catalog_activations") >= 10, Names(scrape, "orleans_catalog"));

        // ASP.NET Core's request figures are there too, without the probes' and scrapes' own traffic.
        Assert.Contains(scrape, s => s.Name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("http_route") == "/api/v1/interactions");
        Assert.DoesNotContain(scrape, s => s.Labels.GetValueOrDefault("http_route") == "/metrics");
    }

    /// <summary>Ten customers buying, 20 events every 200 ms, each stamped when sent; returns how many were accepted.</summary>
    private async Task<int> FeedAsync(string run, CancellationToken stop)
    {
        var posted = 0;
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var events = Enumerable.Range(0, 20).Select(i => new
            {
                eventId = $"feed-{run}-{batch}-{i}",
                customerId = $"feed-{run}-{i % 10}",
                timestamp = DateTimeOffset.UtcNow,
                channel = "web",
                kind = "purchase",
                amount = 10m + i,
            });
            using var response = await _http.PostAsJsonAsync("/api/v1/interactions", events, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            posted += JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!["accepted"]!.GetValue<int>();
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return posted;
    }

    private async Task SaveRuleAsync(string id, Uri webhook)
    {
        var rule = new JsonObject
        {
            ["id"] = id,
            ["name"] = "every purchase",
            ["category"] = "service",
            ["when"] = new JsonObject { ["event"] = "purchase" },
            ["webhooks"] = new JsonArray(new JsonObject { ["url"] = webhook.ToString() }),
        };
        using var response = await _http.PutAsync($"/api/v1/triggers/{id}", new StringContent(rule.ToJsonString(), Encoding.UTF8, "application/json"), Token);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        using var response = await _http.GetAsync("/metrics", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusSample.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    private static double Sum(IEnumerable<PrometheusSample> scrape, string name, params (string Label, string Value)[] labels) =>
        scrape.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Sum(s => s.Value);

    private static string Names(IEnumerable<PrometheusSample> scrape, string prefix) =>
        string.Join(", ", scrape.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(s => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}}={s.Value}").Distinct().DefaultIfEmpty($"no {prefix}* series"));
}
