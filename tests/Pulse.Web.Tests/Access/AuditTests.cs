using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Web.Tests.Access;

/// <summary>The audit trail: every read of customer data and every admin action, refused attempts included, with who and when.</summary>
public sealed class AuditTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_admin_actions_and_refusals_are_recorded_with_who_and_when_and_ingest_is_not()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = IngestEndpointTests.NewId();
        using (var ingest = host.Client(host.Keys["ingest"]))
        {
            var posted = await ingest.PostAsync("/api/v1/interactions", new StringContent(new JsonArray(IngestEndpointTests.Item(id, "1", DateTimeOffset.UtcNow, "web", "page-view")).ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Token);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using (var agent = host.Client(host.Keys["agent"]))
        {
            await agent.GetAsync($"/api/v1/customers/{id}", Token);
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/keys", Token)).StatusCode);
        }

        using var admin = host.Client(AccessHost.AdminKey);
        using (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "audited", roles = new[] { "agent" } }, Token))
        {
        }

        var entries = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/audit?after={Uri.EscapeDataString(started.ToString("O"))}&limit=1000", Token))!.AsArray();
        string[] Lines() => [.. entries.Select(e => $"{e!["actor"]} {e["method"]} {e["path"]} {e["status"]}")];
        Assert.Contains(Lines(), l => l.Contains("(agent test key) GET /api/v1/customers/" + id, StringComparison.Ordinal));
        Assert.Contains(Lines(), l => l.Contains("(agent test key) GET /api/v1/keys 403", StringComparison.Ordinal));
        Assert.Contains(Lines(), l => l.Contains("(configured admin key) POST /api/v1/keys 201", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(), l => l.Contains("/api/v1/interactions", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.True(e!["at"]!.GetValue<DateTimeOffset>() >= started));
    }

    [Fact]
    public async Task On_PostgreSQL_the_trail_is_written_to_pulse_audit_and_read_back()
    {
        await using var postgres = await TemporaryPostgres.StartAsync(Token);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, Token);
        await using var silo = await PostgresSilo.StartAsync(postgres.ConnectionString, $"pg-audit-{Guid.NewGuid():N}", Token);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.First()) };
        await http.GetAsync("/api/v1/customers/audited-customer", Token);

        // Written in batches behind the request: read back from the table through the API.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonArray entries;
        do
        {
            entries = JsonNode.Parse(await http.GetStringAsync("/api/v1/audit", Token))!.AsArray();
            await Task.Delay(100, Token);
        }
        while (!entries.Any(e => (string?)e!["path"] == "/api/v1/customers/audited-customer") && DateTime.UtcNow < deadline);

        var entry = entries.Single(e => (string?)e!["path"] == "/api/v1/customers/audited-customer")!;
        Assert.Equal(("GET", 404), ((string)entry["method"]!, (int)entry["status"]!));
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(Token);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pulse_audit WHERE path = '/api/v1/customers/audited-customer'", connection);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync(Token))!);
        await silo.StopAsync(Token);
    }
}
