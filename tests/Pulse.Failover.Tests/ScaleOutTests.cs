using System.Text.Json.Nodes;

namespace Pulse.Failover.Tests;

/// <summary>Customers spread over the silos, and a silo added under load takes its share.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task CustomersSpreadAndASiloAddedUnderLoadTakesAShare()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(2, cancellationToken);
        // Many customers, so new ones keep arriving after the silo joins: activations do not move, new ones spread.
        var feed = new AcknowledgedFeed(customers: 40_000, prefix: "scale-" + Guid.NewGuid().ToString("N")[..6]);
        IReadOnlyList<Uri> Live() => [.. cluster.Silos.Select(s => s.Http)];

        var stop = false;
        var feeding = feed.RunAsync(TimeSpan.FromSeconds(120), eventsPerSecond: 800, batch: 80, Live, cancellationToken, () => Volatile.Read(ref stop));
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var before = await CustomersPerSiloAsync(cluster.Silos[0].Http, cancellationToken);
        Assert.Equal(2, before.Count);
        Assert.All(before.Values, n => Assert.True(n >= before.Values.Sum() * 0.3, $"uneven spread over two silos: {string.Join(", ", before.Values)}"));

        await cluster.AddSiloAsync("silo-added", cancellationToken);

        // From the moment the cluster lists the new silo as active, new customers must land on it too.
        await cluster.WaitForActiveSilosAsync(3, cancellationToken);
        var joined = await CustomersPerSiloAsync(cluster.Silos[0].Http, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        Volatile.Write(ref stop, true);
        await feeding;
        var after = await CustomersPerSiloAsync(cluster.Silos[0].Http, cancellationToken);
        Assert.Equal(3, after.Count);
        var arrived = after.ToDictionary(kv => kv.Key, kv => kv.Value - joined.GetValueOrDefault(kv.Key));
        var newcomer = arrived.Single(kv => !before.ContainsKey(kv.Key)).Value;
        var total = arrived.Values.Sum();
        Assert.True(total > 500, $"too few customers arrived after the silo joined ({total}) to judge the spread");
        Assert.True(newcomer >= total * 0.2, $"of {total} customers activated after the silo joined, it took {newcomer}");
        SiloKillTests.Report($"scale-out: before {string.Join("/", before.Values)}; activated after the join {string.Join("/", arrived.Values)} (the new silo: {newcomer})");

        await SiloKillTests.AssertEveryCustomerHoldsExactlyAsync(cluster.Silos[0].Http, feed, TimeSpan.FromSeconds(60), cancellationToken);
    }

    private static async Task<Dictionary<string, long>> CustomersPerSiloAsync(Uri silo, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = silo };
        JsonNode view;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            // The survey answers 503 while a silo is joining: ask again.
            using var response = await http.GetAsync("/api/v1/cluster", cancellationToken);
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                view = JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken))!;
                break;
            }

            await Task.Delay(200, cancellationToken);
        }

        return view["silos"]!.AsArray()
            .Where(s => s!["status"]!.GetValue<string>() == "Active")
            .ToDictionary(s => s!["address"]!.GetValue<string>(), s => s!["customerActivations"]!.GetValue<long>());
    }
}
