using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pulse.Failover.Tests;

/// <summary>
/// Merged customers on PostgreSQL through a silo kill (docs/identity.md): a survivor comes back with both
/// histories, events sent under the absorbed id after the merge included, and the absorbed id still forwards.
/// </summary>
public sealed class MergedCustomerKillTests
{
    [Fact]
    public async Task MergedCustomersComeBackWholeAfterASiloIsKilled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(2, cancellationToken);
        var feed = new AcknowledgedFeed(customers: 40, prefix: "merge-" + Guid.NewGuid().ToString("N")[..6]);
        IReadOnlyList<Uri> Live() => [.. cluster.Silos.Where(s => !s.HasExited).Select(s => s.Http)];
        await feed.RunAsync(TimeSpan.FromSeconds(3), eventsPerSecond: 400, batch: 40, Live, cancellationToken);
        await SiloKillTests.AssertEveryCustomerHoldsExactlyAsync(cluster.Silos[0].Http, feed, TimeSpan.FromSeconds(60), cancellationToken);

        // Each even customer absorbs the next one.
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].Http, Timeout = TimeSpan.FromSeconds(30) };
        var ids = feed.CustomerIds.ToList();
        var pairs = Enumerable.Range(0, ids.Count / 2).Select(i => (Survivor: ids[2 * i], Absorbed: ids[(2 * i) + 1])).ToList();
        foreach (var (survivor, absorbed) in pairs)
        {
            using var merged = await http.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = survivor, absorbedId = absorbed, reason = "failover test" }, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        }

        // Events keep arriving under both ids, and a silo dies among them.
        var feeding = feed.RunAsync(TimeSpan.FromSeconds(8), eventsPerSecond: 400, batch: 40, Live, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
        cluster.Silos[1].Kill();
        await feeding;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        foreach (var (survivor, absorbed) in pairs)
        {
            var (countS, spendS) = feed.Expected[survivor];
            var (countA, spendA) = feed.Expected[absorbed];
            JsonNode? profile = null;
            while (DateTime.UtcNow < deadline)
            {
                using var response = await http.GetAsync($"/api/v1/customers/{survivor}", cancellationToken);
                profile = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
                var applied = profile?["interactionCount"]?.GetValue<long>() ?? -1;
                Assert.True(applied <= countS + countA, $"{survivor} applied {applied} interactions of {countS + countA} sent: one was applied twice");
                if (applied == countS + countA)
                {
                    break;
                }

                await Task.Delay(100, cancellationToken);
            }

            Assert.NotNull(profile);
            Assert.Equal(countS + countA, profile["interactionCount"]!.GetValue<long>());
            Assert.Equal(spendS + spendA, profile["rfm"]!["totalSpend"]!.GetValue<decimal>());

            using var gone = await http.GetAsync($"/api/v1/customers/{absorbed}", cancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal(survivor, JsonNode.Parse(await gone.Content.ReadAsStringAsync(cancellationToken))!["mergedInto"]!.GetValue<string>());
        }

        SiloKillTests.Report($"{pairs.Count} merged customers whole after the kill; {feed.Acknowledged} events acknowledged");
    }
}
