using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>The operator view's figures over HTTP: what this process accepted and what the customers applied.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class OperationsEndpointTests(SiloHostFixture host)
{
    [Fact]
    public async Task StatsShowAcceptedAndAppliedEventsWithTheirLatency()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = IngestEndpointTests.NewId();
        var now = DateTimeOffset.UtcNow;
        var items = new JsonArray([.. Enumerable.Range(0, 25).Select(i => (JsonNode)IngestEndpointTests.Item(id, $"ops-{i}", now.AddMilliseconds(-20), "web", "page-view"))]);
        using var posted = await host.Http.PostAsync("/api/v1/interactions", new StringContent(items.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        posted.EnsureSuccessStatusCode();

        // The accepted rate leaves out the second still filling, and silos report every 2 s: poll.
        var stats = await host.Http.EventuallyAsync(
            "/api/v1/operations/stats",
            s => s["eventsAcceptedPerSecond"]!.GetValue<double>() > 0 && s["eventsAppliedPerSecond"]!.GetValue<double>() > 0 && s["applyLatencyMs"]?["p50"] is not null,
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(200),
            ct);

        // 25 events over a window of 9 complete seconds: at least 25/9 a second, whatever else ran.
        Assert.True(stats["eventsAcceptedPerSecond"]!.GetValue<double>() >= 25 / 9.0 - 0.1);
        Assert.Equal(1, stats["reportingSilos"]!.GetValue<int>());
        Assert.True(stats["applyLatencyMs"]!["p50"]!.GetValue<double>() >= 20);
    }
}
