using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class IngestEndpointTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task AcceptedInteractionsShowOnTheCustomerAndItsTimeline()
    {
        var id = NewId();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var response = await PostJsonAsync(
            Item(id, "1", at, "web", "page-view"),
            Item(id, "2", at.AddMinutes(1), "web", "purchase", amount: 42.5m),
            Item(id, "3", at.AddMinutes(2), "call-centre", "call", text: "Thanks, that fixed it."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.True(3 == body["accepted"]!.GetValue<int>(), body.ToJsonString());
        Assert.Equal(0, body["duplicates"]!.GetValue<int>());
        Assert.Empty(body["rejected"]!.AsArray());

        var profile = await WaitForCustomerAsync(id, 3);
        Assert.Equal(42.5m, profile["rfm"]!["totalSpend"]!.GetValue<decimal>());
        Assert.True(profile["features"]!["kind.purchase.amount.7d"]!.GetValue<double>() > 42);

        var timeline = JsonNode.Parse(await Http.GetStringAsync($"/api/v1/customers/{id}/interactions", TestContext.Current.CancellationToken))!.AsArray();
        Assert.Equal([$"{id}/3", $"{id}/2", $"{id}/1"], timeline.Select(i => i!["eventId"]!.GetValue<string>()));
        Assert.Equal("call-centre", timeline[0]!["channel"]!.GetValue<string>());
        Assert.Equal("page-view", timeline[2]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheFeatureVectorChangesFromOneEventToTheNext()
    {
        var id = NewId();
        await PostJsonAsync(Item(id, "1", DateTimeOffset.UtcNow, "web", "page-view"));
        var first = await WaitForCustomerAsync(id, 1);
        await PostJsonAsync(Item(id, "2", DateTimeOffset.UtcNow, "web", "page-view"));
        var second = await WaitForCustomerAsync(id, 2);

        Assert.True(second["features"]!["channel.web.count.7d"]!.GetValue<double>() > first["features"]!["channel.web.count.7d"]!.GetValue<double>() + 0.9);
    }

    [Fact]
    public async Task ResentEventsAreCountedAsDuplicatesAndAppliedOnce()
    {
        var id = NewId();
        var item = Item(id, id + "-dup", DateTimeOffset.UtcNow, "store", "purchase", amount: 10m);
        await PostJsonAsync(item);
        var again = await ReadAsync(await PostJsonAsync((JsonObject)item.DeepClone(), Item(id, id + "-other", DateTimeOffset.UtcNow, "web", "page-view")));

        Assert.Equal(1, again["accepted"]!.GetValue<int>());
        Assert.Equal(1, again["duplicates"]!.GetValue<int>());
        var profile = await WaitForCustomerAsync(id, 2);
        Assert.Equal(10m, profile["rfm"]!["totalSpend"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task NdjsonWithABadLineTakesTheGoodLines()
    {
        var id = NewId();
        var lines = string.Join('\n',
            Item(id, "1", DateTimeOffset.UtcNow, "web", "page-view").ToJsonString(),
            "{\"eventId\": \"2\", \"customerId\": ",
            string.Empty,
            Item(id, "3", DateTimeOffset.UtcNow, "mobile", "add-to-cart").ToJsonString());
        var response = await Http.PostAsync("/api/v1/interactions", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal(2, body["accepted"]!.GetValue<int>());
        var rejected = Assert.Single(body["rejected"]!.AsArray());
        Assert.Equal(1, rejected!["index"]!.GetValue<int>());
        Assert.Contains("malformed JSON", rejected["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        await WaitForCustomerAsync(id, 2);
    }

    public static TheoryData<string, string, string> BadItems => new()
    {
        { """{"customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view"}""", "eventId", "required" },
        { """{"eventId":"","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view"}""", "eventId", "required" },
        { """{"eventId":"e","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view"}""", "customerId", "required" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"teleport"}""", "kind", "unknown kind 'teleport'" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"fax","kind":"page-view"}""", "channel", "unknown channel 'fax'" },
        { """{"eventId":"e","customerId":"c","timestamp":"2999-01-01T00:00:00Z","channel":"web","kind":"page-view"}""", "timestamp", "in the future" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00","channel":"web","kind":"page-view"}""", "timestamp", "offset" },
        { """{"eventId":"e","customerId":"c","timestamp":"yesterday","channel":"web","kind":"page-view"}""", "timestamp", "ISO 8601" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"purchase","amount":-3}""", "amount", "negative" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"purchase"}""", "amount", "required for a purchase" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"purchase","amount":"NaN"}""", "amount", "JSON number" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"purchase","amount":1e400}""", "amount", "JSON number" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"referral"}""", "counterpartyId", "required for a referral" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"referral","counterpartyId":"c"}""", "counterpartyId", "another customer" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","colour":"red"}""", "colour", "not a known field" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","properties":{"a":{"b":1}}}""", "properties.a", "must be a string" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","kind":"call"}""", "kind", "more than once" },
        { "42", "$", "JSON object" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","identities":[{"type":"fax","value":"x"}]}""", "identities[0].type", "not an identifier type" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","identities":[{"type":"device","value":"d"},{"type":"email","value":"not-an-email"}]}""", "identities[1].value", "not an email address" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","identities":[{"value":"d"}]}""", "identities[0].type", "required" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","identities":[{"type":"device","value":"d","verified":"yes"}]}""", "identities[0].verified", "true or false" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","identities":{"type":"device"}}""", "identities", "array" },
        { """{"eventId":"e","customerId":"c","timestamp":"2026-01-01T00:00:00Z","channel":"web","kind":"page-view","identities":[{"type":"device","value":"d","colour":"red"}]}""", "colour", "not a known field" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task ABadItemIsRejectedWithItsFieldAndReasonWithoutSpoilingTheGoodOne(string bad, string field, string reason)
    {
        var id = NewId();
        var good = Item(id, id + "-good", DateTimeOffset.UtcNow, "web", "page-view").ToJsonString();
        var response = await Http.PostAsync("/api/v1/interactions", new StringContent($"[{good},{bad}]", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal(1, body["accepted"]!.GetValue<int>());
        var rejected = Assert.Single(body["rejected"]!.AsArray())!;
        Assert.Equal(1, rejected["index"]!.GetValue<int>());
        Assert.Equal(field, rejected["field"]!.GetValue<string>());
        Assert.Contains(reason, rejected["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextOverTheLimitIsRejected()
    {
        var item = Item(NewId(), "t", DateTimeOffset.UtcNow, "call-centre", "call", text: new string('x', 4001));
        var body = await ReadAsync(await PostJsonAsync(item));
        Assert.Equal("text", body["rejected"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhenEveryItemIsRejectedTheAnswerIs422()
    {
        var response = await Http.PostAsync("/api/v1/interactions", new StringContent("""[{"eventId":"x"}]""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(0, (await ReadAsync(response))["accepted"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("[{\"eventId\": ", "application/json", 400, "not valid JSON")]
    [InlineData("{} {}", "application/json", 400, "not valid JSON")]
    [InlineData("\"hello\"", "application/json", 400, "JSON array")]
    [InlineData("", "application/json", 400, "no interactions")]
    [InlineData("\n\n", "application/x-ndjson", 400, "no interactions")]
    [InlineData("eventId=1", "text/plain", 415, "application/json")]
    public async Task AMalformedBodyIsA4xxProblemWithAClearMessage(string body, string contentType, int status, string detail)
    {
        var response = await Http.PostAsync("/api/v1/interactions", new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(response);
        Assert.Contains(detail, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreThanTenThousandItemsIs413()
    {
        var item = Item("c", "e", DateTimeOffset.UtcNow, "web", "page-view").ToJsonString();
        var body = "[" + string.Join(',', Enumerable.Repeat(item, 10_001)) + "]";
        var response = await Http.PostAsync("/api/v1/interactions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("10000", (await ReadAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenThousandItemsAreTaken()
    {
        var id = NewId();
        var items = Enumerable.Range(0, 10_000).Select(i => Item($"{id}-{i % 100}", $"{id}-{i}", DateTimeOffset.UtcNow, "web", "page-view")).ToArray();
        var body = await ReadAsync(await PostJsonAsync(items));
        Assert.Equal(10_000, body["accepted"]!.GetValue<int>());
    }

    internal static JsonObject Item(string customer, string eventId, DateTimeOffset at, string channel, string kind, decimal? amount = null, string? text = null)
    {
        var item = new JsonObject
        {
            // Event ids are global idempotency keys: scope them by customer so tests never collide.
            ["eventId"] = $"{customer}/{eventId}",
            ["customerId"] = customer,
            ["timestamp"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["channel"] = channel,
            ["kind"] = kind,
        };
        if (amount is not null)
        {
            item["amount"] = amount;
        }

        if (text is not null)
        {
            item["text"] = text;
        }

        return item;
    }

    internal static string NewId() => "w-" + Guid.NewGuid().ToString("N")[..10];

    private Task<HttpResponseMessage> PostJsonAsync(params JsonObject[] items) =>
        Http.PostAsync("/api/v1/interactions", new StringContent(new JsonArray([.. items]).ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    private async Task<JsonNode> WaitForCustomerAsync(string id, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await Http.GetAsync($"/api/v1/customers/{id}", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var profile = await ReadAsync(response);
                if (profile["interactionCount"]!.GetValue<long>() >= count)
                {
                    return profile;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{id} never reached {count} interactions");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
