using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pulse.Grains.Postgres;
using Pulse.Testing.Network;
using Pulse.Testing.Postgres;

namespace Pulse.Web.Tests.Triggers;

/// <summary>
/// The outbox on the postgres profile outlives the silo: a firing whose receiver is down when it happens is
/// delivered, once, by the next silo after a restart.
/// </summary>
public sealed class PostgresTriggerRestartTests
{
    private static readonly string[] Settings =
    [
        "--Pulse:Triggers:Secrets:default=restart-test-secret",
        "--Pulse:Triggers:Delivery:FirstRetry=00:00:00.200",
        "--Pulse:Triggers:Delivery:MaxRetry=00:00:01",
        "--Pulse:Triggers:Delivery:MaxAttempts=100",
    ];

    [Fact]
    public async Task A_firing_stored_while_the_receiver_is_down_is_delivered_once_by_the_next_silo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await TemporaryPostgres.StartAsync(ct);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, ct);
        var cluster = $"restart-{Guid.NewGuid():N}"[..16];
        var port = FreePorts.Next();
        const string Rule = "complaint-callback";
        const string Customer = "restart-customer";

        await using (var first = await PostgresSilo.StartAsync(postgres.ConnectionString, cluster, ct, Settings))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Urls.First()) };
            var rule = new JsonObject
            {
                ["id"] = Rule,
                ["name"] = "Call back after a complaint",
                ["category"] = "service",
                ["when"] = new JsonObject { ["event"] = "complaint" },
                ["webhooks"] = new JsonArray(new JsonObject { ["url"] = $"http://127.0.0.1:{port}/hook" }),
            };
            using (var saved = await http.PutAsync($"/api/v1/triggers/{Rule}", new StringContent(rule.ToJsonString(), Encoding.UTF8, "application/json"), ct))
            {
                Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            using (var posted = await http.PostAsJsonAsync("/api/v1/interactions", new[] { new { eventId = "complaint-1", customerId = Customer, timestamp = DateTimeOffset.UtcNow.ToString("O"), channel = "call-centre", kind = "complaint" } }, ct))
            {
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }

            // Nobody listens on the port yet: the delivery is tried, fails, and waits for its next attempt.
            await http.EventuallyAsync(
                $"/api/v1/triggers/{Rule}/firings",
                f => f.AsArray().Count == 1 && f[0]!["deliveries"]![0]!["attempts"]!.GetValue<int>() >= 2 && f[0]!["deliveries"]![0]!["state"]!.GetValue<string>() == "pending",
                TimeSpan.FromSeconds(30),
                TimeSpan.FromMilliseconds(100),
                ct);
            await first.StopAsync(ct);
        }

        await using var receiver = await WebhookReceiver.StartAsync(port);
        await using var second = await PostgresSilo.StartAsync(postgres.ConnectionString, cluster, ct, Settings);
        using var again = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        var history = await again.EventuallyAsync(
            $"/api/v1/triggers/{Rule}/firings",
            f => f.AsArray().Count == 1 && f[0]!["deliveries"]![0]!["state"]!.GetValue<string>() == "delivered",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(100),
            ct);
        var received = Assert.Single(receiver.For(Rule, Customer));
        Assert.Equal(history[0]!["firing"]!["idempotencyKey"]!.GetValue<string>(), received.IdempotencyKey);
        Assert.Equal("complaint-1", received.Json.GetProperty("eventId").GetString());
    }
}
