using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pulse.Failover.Tests;

/// <summary>
/// Three silo processes on PostgreSQL, a steady feed, one silo killed with SIGKILL mid-stream: every
/// customer must end with exactly the acknowledged events, none lost and none applied twice.
/// </summary>
public sealed class SiloKillTests
{
    [Fact]
    public async Task KillingASiloMidStreamLosesNoAcknowledgedEventAndAppliesNoneTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(3, cancellationToken);
        var feed = new AcknowledgedFeed(customers: 200, prefix: "kill-" + Guid.NewGuid().ToString("N")[..6]);
        IReadOnlyList<Uri> Live() => [.. cluster.Silos.Where(s => !s.HasExited).Select(s => s.Http)];

        var feeding = feed.RunAsync(TimeSpan.FromSeconds(15), eventsPerSecond: 1_000, batch: 100, Live, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        cluster.Silos[2].Kill();
        await feeding;

        await AssertEveryCustomerHoldsExactlyAsync(cluster.Silos[0].Http, feed, TimeSpan.FromSeconds(60), cancellationToken);
        Report($"first kill: {feed.Acknowledged} events acknowledged over 15 s, {feed.Retries} batch retries");

        // Recovery, measured with no traffic: kill one more silo and time until every customer answers
        // from the last one with all of its events.
        var clock = Stopwatch.StartNew();
        cluster.Silos[1].Kill();
        await AssertEveryCustomerHoldsExactlyAsync(cluster.Silos[0].Http, feed, TimeSpan.FromSeconds(60), cancellationToken);
        Report($"second kill: all {feed.Expected.Count} customers answered with every event after {clock.Elapsed.TotalSeconds:F1} s");
    }

    internal static async Task AssertEveryCustomerHoldsExactlyAsync(Uri silo, AcknowledgedFeed feed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        foreach (var (customer, (count, spend)) in feed.Expected)
        {
            JsonNode? profile = null;
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync($"/api/v1/customers/{customer}", cancellationToken);
                    profile = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
                }
                catch (HttpRequestException)
                {
                    profile = null;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    profile = null;
                }

                var applied = profile?["interactionCount"]?.GetValue<long>() ?? -1;
                Assert.True(applied <= count, $"{customer} applied {applied} interactions but only {count} were sent: an event was applied twice");
                if (applied == count || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(100, cancellationToken);
            }

            Assert.NotNull(profile);
            Assert.Equal(count, profile["interactionCount"]!.GetValue<long>());
            Assert.Equal(spend, profile["rfm"]!["totalSpend"]!.GetValue<decimal>());
        }
    }

    internal static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
