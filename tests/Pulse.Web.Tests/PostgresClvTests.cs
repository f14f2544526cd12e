using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Web.Tests;

/// <summary>
/// The postgres profile: a fit reads the population from the durable log, the registry keeps the
/// version in PostgreSQL, and a restarted silo serves the same version and scores with it.
/// </summary>
public sealed class PostgresClvTests
{
    [Fact]
    public async Task AFitOnThePostgresProfileIsPersistedAndServedAfterARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await TemporaryPostgres.StartAsync(ct);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, ct);
        var asOf = new DateOnly(2025, 6, 30);

        int version;
        await using (var first = await StartAsync(postgres.ConnectionString, ct))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Urls.First()) };
            var random = new Random(11);
            var events = new List<object>();
            for (var c = 0; c < 80; c++)
            {
                var start = asOf.AddDays(-random.Next(60, 300));
                var purchases = 1 + random.Next(5);
                for (var p = 0; p < purchases; p++)
                {
                    var day = start.AddDays(random.Next(0, asOf.DayNumber - start.DayNumber + 1));
                    events.Add(new { eventId = $"pg-{c}-{p}", customerId = $"pg-{c}", timestamp = day.ToDateTime(new TimeOnly(12, 0)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), channel = "store", kind = "purchase", amount = Math.Round(10 + (random.NextDouble() * 90), 2) });
                }
            }

            using (var ingest = await http.PostAsJsonAsync("/api/v1/interactions", events, ct))
            {
                Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            }

            using var fit = await http.PostAsJsonAsync("/api/v1/models/clv/fit", new { asOf = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), requestedBy = "pg test" }, ct);
            var model = JsonNode.Parse(await fit.Content.ReadAsStringAsync(ct))!;
            Assert.True(fit.StatusCode == HttpStatusCode.OK, model.ToJsonString());
            Assert.Equal(80, model["customers"]!.GetValue<long>());
            version = model["version"]!.GetValue<int>();
            await first.StopAsync(ct);
        }

        await using var second = await StartAsync(postgres.ConnectionString, ct);
        using var again = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        var latest = JsonNode.Parse(await again.GetStringAsync("/api/v1/models/clv", ct))!;
        Assert.Equal(version, latest["version"]!.GetValue<int>());
        Assert.Equal("pg test", latest["requestedBy"]!.GetValue<string>());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var profile = JsonNode.Parse(await again.GetStringAsync("/api/v1/customers/pg-0?asOf=2025-06-30T00:00:00Z", ct))!;
            if (profile["value"]?["modelVersion"]?.GetValue<int>() == version)
            {
                Assert.InRange(profile["value"]!["probabilityAlive"]!.GetValue<double>(), 0, 1);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the restarted silo did not score with the persisted model within 30 s");
            await Task.Delay(100, ct);
        }

        await second.StopAsync(ct);
    }

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(string connectionString, CancellationToken ct) =>
        PostgresSilo.StartAsync(connectionString, $"pg-clv-{Guid.NewGuid():N}", ct);
}
