using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Web.Tests;

/// <summary>On the postgres profile the segmentation, the segments' members and each customer's place survive a restart.</summary>
public sealed class PostgresSegmentsTests
{
    [Fact]
    public async Task Segments_formed_before_a_restart_are_there_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await TemporaryPostgres.StartAsync(ct);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, ct);
        var clusterId = $"pg-seg-{Guid.NewGuid():N}";

        long version;
        Dictionary<int, long> sizes;
        JsonNode placed;
        await using (var first = await StartAsync(postgres.ConnectionString, clusterId, ct))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Urls.First()) };
            var now = DateTimeOffset.UtcNow.AddMinutes(-1);
            var events = new List<object>();
            for (var c = 0; c < 240; c++)
            {
                // Two kinds: frequent recent buyers, and one-off buyers long gone.
                var frequent = c % 2 == 0;
                var purchases = frequent ? 8 : 1;
                for (var p = 0; p < purchases; p++)
                {
                    var at = now.AddDays(-(frequent ? 3 + (p * 9) : 150 + p));
                    events.Add(new { eventId = $"s-{c}-{p}", customerId = $"s-{c}", timestamp = at.ToString("O", CultureInfo.InvariantCulture), channel = "web", kind = "purchase", amount = frequent ? 80 : 15 });
                }
            }

            using (var ingest = await http.PostAsJsonAsync("/api/v1/interactions", events, ct))
            {
                Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            }

            await EventuallyAsync(http, "/api/v1/segments/status", s => s["seeded"]!.GetValue<bool>(), ct);

            // Placement follows the next event once the silo has the seeded model.
            for (var round = 0; round < 10; round++)
            {
                var nudges = Enumerable.Range(0, 240).Select(c => new { eventId = $"n-{c}-{round}", customerId = $"s-{c}", timestamp = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), channel = "web", kind = "page-view" }).ToList();
                using var nudge = await http.PostAsJsonAsync("/api/v1/interactions", nudges, ct);
                await Task.Delay(1_500, ct);
                var listing = JsonNode.Parse(await http.GetStringAsync("/api/v1/segments", ct))!;
                if (listing["segments"]!.AsArray().Sum(s => s!["size"]!.GetValue<long>()) == 240)
                {
                    break;
                }
            }

            var before = JsonNode.Parse(await http.GetStringAsync("/api/v1/segments", ct))!;
            sizes = before["segments"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<int>(), s => s!["size"]!.GetValue<long>());
            Assert.Equal(240, sizes.Values.Sum());
            placed = JsonNode.Parse(await http.GetStringAsync("/api/v1/customers/s-0", ct))!["segment"]!;
            await first.StopAsync(ct); // Saves the model and checkpoints customers.
            version = before["modelVersion"]!.GetValue<long>();
        }

        await using var second = await StartAsync(postgres.ConnectionString, clusterId, ct);
        using var again = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        var status = JsonNode.Parse(await again.GetStringAsync("/api/v1/segments/status", ct))!;
        Assert.True(status["seeded"]!.GetValue<bool>());
        Assert.True(status["version"]!.GetValue<long>() >= version, $"version {status["version"]} after a restart, {version} before");
        var after = JsonNode.Parse(await again.GetStringAsync("/api/v1/segments", ct))!;
        Assert.Equal(sizes, after["segments"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<int>(), s => s!["size"]!.GetValue<long>()));
        var restored = JsonNode.Parse(await again.GetStringAsync("/api/v1/customers/s-0", ct))!["segment"]!;
        Assert.Equal(placed["segment"]!.GetValue<int>(), restored["segment"]!.GetValue<int>());
        Assert.Equal(placed["since"]!.GetValue<DateTimeOffset>(), restored["since"]!.GetValue<DateTimeOffset>());
        await second.StopAsync(ct);
    }

    private static Task EventuallyAsync(HttpClient http, string path, Func<JsonNode, bool> condition, CancellationToken ct) =>
        http.EventuallyAsync(path, condition, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), ct);

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(string connectionString, string clusterId, CancellationToken ct) =>
        PostgresSilo.StartAsync(connectionString, clusterId, ct, "--Pulse:Segments:K=2", "--Pulse:Segments:SeedSampleSize=100");
}
