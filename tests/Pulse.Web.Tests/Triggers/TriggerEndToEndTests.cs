using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pulse.Grains.Triggers.Delivery;

namespace Pulse.Web.Tests.Triggers;

/// <summary>
/// Rules saved over HTTP, events posted over HTTP, firings received by a real webhook receiver on loopback:
/// the whole path a marketer's rule takes in the local profile.
/// </summary>
public sealed class TriggerEndToEndTests(TriggerHostFixture host) : IClassFixture<TriggerHostFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_crossing_fires_once_signed_with_its_reason_and_more_complaints_inside_the_band_do_not_fire_again()
    {
        var rule = $"complaints-{_run}";
        await SaveAsync(rule, "service", new JsonObject { ["fact"] = "complaints.7d", ["atLeast"] = 3, ["rearmBelow"] = 2 });
        var customer = $"angry-{_run}";

        // Two complaints: below the threshold, nothing fires.
        await PostAsync(Complaint(customer, 1), Complaint(customer, 2));
        await WaitForInteractionsAsync(customer, 2);

        // The third crosses it: one firing, at the receiver, signed, with the value that made it true.
        await PostAsync(Complaint(customer, 3));
        var first = await WaitForAsync(() => _receiver.For(rule, customer), r => r.Count >= 1, "the crossing's webhook");
        var firing = Assert.Single(first);
        Assert.True(WebhookSigner.Verify(TriggerHostFixture.Secret, Encoding.UTF8.GetBytes(firing.Body), firing.Signature, DateTimeOffset.UtcNow), $"signature {firing.Signature}");
        Assert.Equal(firing.Json.GetProperty("idempotencyKey").GetString(), firing.IdempotencyKey);
        Assert.Equal("complaint", firing.Json.GetProperty("eventKind").GetString());
        Assert.Equal($"{customer}-c3", firing.Json.GetProperty("eventId").GetString());
        var reason = Assert.Single(firing.Json.GetProperty("reasons").EnumerateArray());
        Assert.Equal("complaints.7d", reason.GetProperty("subject").GetString());
        Assert.Equal(3, reason.GetProperty("value").GetDouble());

        // Two more complaints keep the count above the re-arm level: the rule stays disarmed.
        await PostAsync(Complaint(customer, 4), Complaint(customer, 5));
        await WaitForInteractionsAsync(customer, 5);
        var history = await WaitForAsync(
            () => GetJsonAsync($"/api/v1/triggers/{rule}/firings"),
            h => h.AsArray().Count == 1 && h[0]!["deliveries"]![0]!["state"]!.GetValue<string>() == "delivered",
            "the firing delivered in the rule's history");
        Assert.Equal(firing.IdempotencyKey, history[0]!["firing"]!["idempotencyKey"]!.GetValue<string>());
        Assert.Single(_receiver.For(rule, customer));
    }

    [Fact]
    public async Task A_customer_who_opted_out_never_fires_a_marketing_rule_but_still_fires_a_service_rule()
    {
        var (marketing, service) = ($"offer-{_run}", $"care-{_run}");
        await SaveAsync(marketing, "marketing", new JsonObject { ["event"] = "complaint" });
        await SaveAsync(service, "service", new JsonObject { ["event"] = "complaint" });
        var (optedOut, consenting) = ($"out-{_run}", $"in-{_run}");
        await PostAsync(
            new JsonObject
            {
                ["eventId"] = $"{optedOut}-consent",
                ["customerId"] = optedOut,
                ["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-1),
                ["channel"] = "web",
                ["kind"] = "profile-update",
                ["properties"] = new JsonObject { ["marketingConsent"] = "false" },
            });
        await WaitForInteractionsAsync(optedOut, 1);
        await PostAsync(Complaint(optedOut, 1), Complaint(consenting, 1));

        // Both service firings arrive; the consenting customer's offer too; the opted-out one's never.
        await WaitForAsync(() => _receiver.For(service, optedOut), r => r.Count == 1, "the opted-out customer's service firing");
        await WaitForAsync(() => _receiver.For(marketing, consenting), r => r.Count == 1, "the consenting customer's offer");
        await WaitForAsync(() => _receiver.For(service, consenting), r => r.Count == 1, "the consenting customer's service firing");
        Assert.Empty(_receiver.For(marketing, optedOut));
        var history = await GetJsonAsync($"/api/v1/customers/{optedOut}/triggers");
        Assert.Equal([service], history.AsArray().Select(f => f!["firing"]!["ruleId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_live_feed_streams_a_firing_as_it_happens_and_resumes_after_the_last_event_id()
    {
        var rule = $"feed-{_run}";
        await SaveAsync(rule, "service", new JsonObject { ["event"] = "review" });
        var customer = $"reviewer-{_run}";

        using var feed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/triggers/feed");
        using var response = await host.Http.SendAsync(feed, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));

        await PostAsync(Review(customer, 1));
        var (id, data) = await NextFiringAsync(reader, rule);
        Assert.Equal(customer, data["customerId"]!.GetValue<string>());
        Assert.Equal($"{customer}-r1", data["eventId"]!.GetValue<string>());

        // A listener that reconnects with the last id it saw gets what came after, and only that.
        await PostAsync(Review(customer, 2));
        await WaitForAsync(() => _receiver.For(rule, customer), r => r.Count == 2, "the second firing delivered");
        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/v1/triggers/feed");
        resume.Headers.Add("Last-Event-ID", id);
        using var resumed = await host.Http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead, Token);
        using var resumedReader = new StreamReader(await resumed.Content.ReadAsStreamAsync(Token));
        var (_, next) = await NextFiringAsync(resumedReader, rule);
        Assert.Equal($"{customer}-r2", next["eventId"]!.GetValue<string>());

        using var bad = await host.Http.GetAsync("/api/v1/triggers/feed?after=yesterday", Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("after", await bad.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>Reads server-sent events until a firing of <paramref name="rule"/>: its id and data.</summary>
    private static async Task<(string Id, JsonNode Data)> NextFiringAsync(StreamReader reader, string rule)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Patience);
        string? id = null, type = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "firing" && JsonNode.Parse(line[6..]) is { } data
                && data["ruleId"]!.GetValue<string>() == rule)
            {
                return (id ?? throw new InvalidOperationException("A firing without an id."), data);
            }
        }

        throw new InvalidOperationException("The feed ended.");
    }

    private static JsonObject Review(string customer, int n) => new()
    {
        ["eventId"] = $"{customer}-r{n}",
        ["customerId"] = customer,
        ["timestamp"] = DateTimeOffset.UtcNow,
        ["channel"] = "web",
        ["kind"] = "review",
        ["text"] = "fine",
    };

    private async Task SaveAsync(string id, string category, JsonObject when)
    {
        var rule = new JsonObject
        {
            ["id"] = id,
            ["name"] = $"test rule {id}",
            ["category"] = category,
            ["when"] = when,
            ["webhooks"] = new JsonArray(new JsonObject { ["url"] = _receiver.Url.ToString() }),
        };
        using var response = await host.Http.PutAsync($"/api/v1/triggers/{id}", new StringContent(rule.ToJsonString(), Encoding.UTF8, "application/json"), Token);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));

        // The silo's rule cache takes it within a second; give it that before posting events.
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
    }

    private JsonObject Complaint(string customer, int n) => new()
    {
        ["eventId"] = $"{customer}-c{n}",
        ["customerId"] = customer,
        ["timestamp"] = DateTimeOffset.UtcNow,
        ["channel"] = "call-centre",
        ["kind"] = "complaint",
        ["text"] = "still broken",
    };

    private async Task PostAsync(params JsonObject[] items)
    {
        using var response = await host.Http.PostAsync("/api/v1/interactions", new StringContent(new JsonArray([.. items]).ToJsonString(), Encoding.UTF8, "application/json"), Token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private async Task WaitForInteractionsAsync(string customer, int count) =>
        await WaitForAsync(
            async () => (await host.Http.GetAsync($"/api/v1/customers/{customer}", Token)) is { IsSuccessStatusCode: true } r
                ? JsonNode.Parse(await r.Content.ReadAsStringAsync(Token))!["interactionCount"]!.GetValue<long>()
                : 0,
            n => n >= count,
            $"{customer}'s {count} interactions applied");

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await host.Http.GetAsync(path, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, string what) =>
        WaitForAsync(() => Task.FromResult(read()), done, what);

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Waited {Patience.TotalSeconds:0} s for {what}; last: {JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(50, Token);
        }
    }
}
