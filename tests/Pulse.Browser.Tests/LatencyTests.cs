using System.Globalization;
using System.Text;
using System.Text.Json;
using Pulse.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pulse.Browser.Tests;

/// <summary>A host of its own with the demo feed pushing 2,000 events a second (no history, no training, so it starts at once).</summary>
public sealed class DemoLoadHostFixture : BrowserHostFixture
{
    public const int EventsPerSecond = 2_000;

    protected override IEnumerable<string> Settings =>
    [
        "--Pulse:Demo:Enabled=true",
        $"--Pulse:Demo:EventsPerSecond={EventsPerSecond}",
        "--Pulse:Demo:HistoryDays=0",
        "--Pulse:Demo:TrainModels=false",
    ];

    protected override string ClusterId => "browser-latency";
}

/// <summary>
/// The issue's number: from the moment a page POSTs an interaction to the moment the open customer card
/// paints it, with the silo under 2,000 events/s of demo load. The page measures both ends on its own
/// clock (<c>performance.now()</c>); the UI records each paint in <c>window.__pulse.paints</c> as
/// <c>{eventId, at}</c>. Run alone: <c>dotnet test tests/Pulse.Browser.Tests --filter Category=browser-latency</c>.
/// </summary>
[Trait("Category", "browser-latency")]
public sealed class LatencyTests(DemoLoadHostFixture host, ITestOutputHelper output) : IClassFixture<DemoLoadHostFixture>
{
    private const string Customer = "latency-probe";
    private const int Samples = 40;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>One sample, inside the page: POST with fetch, then poll the paint log (it never waits longer than 5 s).</summary>
    private const string Probe = """
        async ({ customer, eventId }) => {
          const t0 = performance.now();
          const response = await fetch('/api/v1/interactions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify([{ eventId, customerId: customer, timestamp: new Date().toISOString(), channel: 'web', kind: 'page-view' }]),
          });
          if (!response.ok) {
            return { error: `POST answered ${response.status}: ${await response.text()}` };
          }
          while (true) {
            const paints = window.__pulse && window.__pulse.paints;
            const paint = Array.isArray(paints) ? paints.find(p => p.eventId === eventId) : undefined;
            if (paint) {
              const latency = paint.at - t0;
              return latency >= 0 && latency < 60000
                ? { latency }
                : { error: `painted at ${paint.at}, POST at ${t0}: 'at' must be performance.now() at the paint` };
            }
            if (performance.now() - t0 > 5000) {
              return { error: Array.isArray(paints) ? 'not painted within 5 s' : 'window.__pulse.paints is not an array' };
            }
            await new Promise(resolve => setTimeout(resolve, 2));
          }
        }
        """;

    [Fact]
    public async Task Under_2000_events_per_second_the_card_paints_a_new_interaction_within_a_second_at_p95()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await host.Http.PostInteractionsAsync(PulseApi.Interaction(Customer, $"{Customer}-{run}-0", "web", "page-view"));
        await host.Http.WaitForCustomerAsync(Customer, 1);
        var demoRate = await WaitForDemoLoadAsync();

        await using var page = await host.OpenPageAsync();
        await page.GotoAsync($"/#/agent/{Customer}");
        await Expect(page.Page.Locator("[data-testid=customer-card]")).ToBeVisibleAsync();
        await Expect(page.Page.Locator($"[data-testid=timeline] [data-event-id=\"{Customer}-{run}-0\"]")).ToBeAttachedAsync();
        await page.Page.EvaluateAsync("() => { window.__noReload = 1; }");

        var latencies = new List<double>();
        var failures = new List<string>();
        for (var i = 1; i <= Samples; i++)
        {
            var eventId = $"{Customer}-{run}-{i}";
            var sample = await page.Page.EvaluateAsync<JsonElement>(Probe, new { customer = Customer, eventId });
            if (sample.TryGetProperty("latency", out var latency))
            {
                latencies.Add(latency.GetDouble());
            }
            else
            {
                failures.Add($"{eventId}: {sample.GetProperty("error").GetString()}");
                latencies.Add(double.PositiveInfinity);
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var sorted = latencies.Order().ToArray();
        var (p50, p95, max) = (Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1]);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"browser latency, POST to paint, demo feed set to {DemoLoadHostFixture.EventsPerSecond} events/s (about {demoRate:F0}/s seen before sampling)")
            .AppendLine(CultureInfo.InvariantCulture, $"samples {sorted.Length} (painted {sorted.Length - failures.Count})")
            .AppendLine(CultureInfo.InvariantCulture, $"p50 {Ms(p50)} ms, p95 {Ms(p95)} ms, max {Ms(max)} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"measured {DateTimeOffset.UtcNow:O}")
            .AppendJoin(Environment.NewLine, failures)
            .ToString();
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "browser-latency.txt"), report, TestContext.Current.CancellationToken);

        await page.ScreenshotAsync("agent-card-under-load");
        Assert.True(p95 <= Budget.TotalMilliseconds, report);
        Assert.Equal(1, await page.Page.EvaluateAsync<int?>("() => window.__noReload ?? null"));
        page.AssertNoConsoleProblems();
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static string Ms(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until the demo's live stream is flowing: the interactions of c-1 … c-100 (signed up first, then
    /// fed at their simulated rates) keep growing. Returns a rough rate for the report.
    /// </summary>
    private async Task<double> WaitForDemoLoadAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var before = await DemoInteractionsAsync();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            var after = await DemoInteractionsAsync();
            if (before >= 0 && after - before >= 10)
            {
                // 100 of the 2,000 customers: a twentieth of the feed, were it spread evenly (it is not quite).
                return (after - before) / 2.0 * 20;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the demo feed is not flowing: c-1 … c-100 went from {before} to {after} interactions in 2 s");
            }

            before = after;
        }
    }

    /// <summary>The interactions of c-1 … c-100 together; −1 while any of them does not exist yet.</summary>
    private async Task<long> DemoInteractionsAsync()
    {
        var counts = await Task.WhenAll(Enumerable.Range(1, 100).Select(async n =>
        {
            using var response = await host.Http.GetAsync($"api/v1/customers/c-{n}", TestContext.Current.CancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return -1L;
            }

            using var profile = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return profile.RootElement.GetProperty("interactionCount").GetInt64();
        }));
        return counts.Any(c => c < 0) ? -1 : counts.Sum();
    }
}
