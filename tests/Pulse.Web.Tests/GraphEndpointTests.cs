using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pulse.Web.Graph;

namespace Pulse.Web.Tests;

/// <summary>The relationship graph over HTTP: relationships posted as events, read back as networks and influencers, ended with DELETE.</summary>
public sealed class GraphEndpointTests(GraphHostFixture host) : IClassFixture<GraphHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Referral_household_and_mention_events_show_up_as_neighbours_with_influence()
    {
        var (a, b, c, d) = (NewId(), NewId(), NewId(), NewId());
        await PostAsync(Link(a, "referral", b), Link(a, "household", c), Link(a, "mention", d));

        var network = await EventuallyAsync($"/api/v1/customers/{a}/network", n => n["degree"]!.GetValue<int>() == 3 && n["influence"]!.GetValue<double>() > 0);

        var neighbours = network["topNeighbours"]!.AsArray().ToDictionary(n => n!["customerId"]!.GetValue<string>());
        Assert.Equal(("referral", "out"), Describe(neighbours[b]!));
        Assert.Equal(("household", "mutual"), Describe(neighbours[c]!));
        Assert.Equal(("mention", "out"), Describe(neighbours[d]!));
        Assert.All(neighbours.Values, n => Assert.True(n!["weight"]!.GetValue<double>() > 0));
        Assert.True(network["relativeInfluence"]!.GetValue<double>() > 0);

        // The referred friend sees it from the other side; neighbours limits the list, not the degree.
        var referred = await EventuallyAsync($"/api/v1/customers/{b}/network", n => n["degree"]!.GetValue<int>() == 1);
        Assert.Equal(("referral", "in"), Describe(referred["topNeighbours"]![0]!));
        var one = await GetAsync($"/api/v1/customers/{a}/network?neighbours=1");
        Assert.Single(one["topNeighbours"]!.AsArray());
        Assert.Equal(3, one["degree"]!.GetValue<int>());
        Assert.Empty((await GetAsync($"/api/v1/customers/{a}/network?neighbours=0"))["topNeighbours"]!.AsArray());

        // The graph pushes the snapshot to the customer, and the profile carries it as network.
        var profile = await EventuallyAsync($"/api/v1/customers/{a}", p => p["network"]?["degree"]?.GetValue<int>() == 3);
        Assert.Equal(3, profile["network"]!["topNeighbours"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_hub_mentioned_by_many_customers_leads_the_influencers()
    {
        var hub = NewId();
        await PostAsync([.. Enumerable.Range(0, 15).Select(_ => Link(NewId(), "mention", hub))]);

        // Relative influence needs the graph's size, which the shards' next reports bring: wait for it too.
        var top = await EventuallyAsync("/api/v1/influencers?top=5", l => l.AsArray().Count > 0 && l[0]!["customerId"]!.GetValue<string>() == hub
            && l[0]!["degree"]!.GetValue<int>() == 15 && l[0]!["relativeInfluence"]!.GetValue<double>() > 1);

        var influence = top.AsArray().Select(i => i!["influence"]!.GetValue<double>()).ToList();
        Assert.Equal(influence.OrderDescending(), influence);
        Assert.True(top[0]!["relativeInfluence"]!.GetValue<double>() > 1, "the hub is more influential than an average customer");
        Assert.Single((await GetAsync("/api/v1/influencers?top=1")).AsArray());
        Assert.Equal(GraphEndpoints.DefaultTop, (await GetAsync("/api/v1/influencers")).AsArray().Count);
    }

    [Fact]
    public async Task Delete_ends_the_relationship_the_degree_drops_and_a_retry_is_a_duplicate()
    {
        var (a, b, c) = (NewId(), NewId(), NewId());
        await PostAsync(Link(a, "mention", b), Link(a, "referral", c));
        await EventuallyAsync($"/api/v1/customers/{a}/network", n => n["degree"]!.GetValue<int>() == 2);

        // A retry lands in the same second as the first try unless the clock ticked over between them; then try again.
        JsonNode first, retry;
        var attempts = 0;
        do
        {
            first = await DeleteAsync($"/api/v1/customers/{a}/relationships/{b}?relationship=mention", HttpStatusCode.Accepted);
            retry = await DeleteAsync($"/api/v1/customers/{a}/relationships/{b}?relationship=mention", HttpStatusCode.Accepted);
        }
        while (first["eventId"]!.GetValue<string>() != retry["eventId"]!.GetValue<string>() && ++attempts < 5);

        Assert.StartsWith($"relationship-end:{a}:{b}:mention:", first["eventId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(first["eventId"]!.GetValue<string>(), retry["eventId"]!.GetValue<string>());
        Assert.True(retry["duplicate"]!.GetValue<bool>());
        Assert.Equal("mention", first["relationship"]!.GetValue<string>());

        var after = await EventuallyAsync($"/api/v1/customers/{a}/network", n => n["degree"]!.GetValue<int>() == 1);
        Assert.Equal(c, Assert.Single(after["topNeighbours"]!.AsArray())!["customerId"]!.GetValue<string>());
        await EventuallyAsync($"/api/v1/customers/{b}/network", n => n["degree"]!.GetValue<int>() == 0);

        // From the other end, with no kind named: every relationship between the two goes.
        var all = await DeleteAsync($"/api/v1/customers/{c}/relationships/{a}", HttpStatusCode.Accepted);
        Assert.Contains(":all:", all["eventId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(all["duplicate"]!.GetValue<bool>());
        await EventuallyAsync($"/api/v1/customers/{a}/network", n => n["degree"]!.GetValue<int>() == 0);
    }

    [Theory]
    [InlineData("/api/v1/customers/x/network?neighbours=1001", "neighbours")]
    [InlineData("/api/v1/customers/x/network?neighbours=-1", "neighbours")]
    [InlineData("/api/v1/customers/x/network?neighbours=many", "neighbours")]
    [InlineData("/api/v1/influencers?top=0", "top")]
    [InlineData("/api/v1/influencers?top=1001", "top")]
    public async Task A_count_out_of_range_is_400_naming_the_parameter(string path, string field)
    {
        using var response = await host.Http.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["detail"]!.GetValue<string>();
        Assert.StartsWith($"{field}: ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_delete_is_400_naming_the_field_and_the_valid_relationships()
    {
        var friend = await DeleteAsync("/api/v1/customers/x/relationships/y?relationship=friend", HttpStatusCode.BadRequest);
        Assert.Equal("relationship: 'friend' is not a relationship kind; use one of referral, household, mention, call-transfer, other, or leave it out to end every kind.", friend["detail"]!.GetValue<string>());

        var self = await DeleteAsync("/api/v1/customers/x/relationships/x", HttpStatusCode.BadRequest);
        Assert.StartsWith("counterpartyId: ", self["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var tooLong = await DeleteAsync($"/api/v1/customers/x/relationships/{new string('y', 129)}", HttpStatusCode.BadRequest);
        Assert.StartsWith("counterpartyId: ", tooLong["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_never_in_the_graph_is_404_with_a_problem()
    {
        using var unknown = await host.Http.GetAsync($"/api/v1/customers/{NewId()}/network", Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // Known to Pulse but without a relationship: still not in the graph.
        var loner = NewId();
        await PostAsync(new JsonObject
        {
            ["eventId"] = $"{loner}/view",
            ["customerId"] = loner,
            ["timestamp"] = Now(),
            ["channel"] = "web",
            ["kind"] = "page-view",
        });
        await EventuallyAsync($"/api/v1/customers/{loner}", p => p["interactionCount"]!.GetValue<long>() == 1);
        using var response = await host.Http.GetAsync($"/api/v1/customers/{loner}/network", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_status_counts_the_graphs_customers_and_arcs()
    {
        var (a, b) = (NewId(), NewId());
        await PostAsync(Link(a, "household", b));

        // Other tests' customers may be in the graph already, some without arcs left: wait for the arcs too
        // (shards report every half second).
        var status = await EventuallyAsync("/api/v1/graph/status", s => s["customers"]!.GetValue<long>() >= 2 && s["arcs"]!.GetValue<long>() >= 2
            && s["shardsReporting"]!.GetValue<int>() == s["shards"]!.GetValue<int>());

        Assert.True(status["shards"]!.GetValue<int>() >= 1);
        Assert.True(status["arcs"]!.GetValue<long>() >= 2, "a household is two arcs");
        Assert.True(status["errorBound"]!.GetValue<double>() >= 0);
    }

    private static JsonObject Link(string from, string kind, string to) => new()
    {
        ["eventId"] = $"{from}/{kind}/{to}",
        ["customerId"] = from,
        ["timestamp"] = Now(),
        ["channel"] = "web",
        ["kind"] = kind,
        ["counterpartyId"] = to,
    };

    private static string Now() => DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewId() => "g-" + Guid.NewGuid().ToString("N")[..10];

    private static (string Relationship, string Direction) Describe(JsonNode neighbour) =>
        (neighbour["relationship"]!.GetValue<string>(), neighbour["direction"]!.GetValue<string>());

    private async Task PostAsync(params JsonObject[] items)
    {
        using var response = await host.Http.PostAsync("/api/v1/interactions", new StringContent(new JsonArray([.. items]).ToJsonString(), Encoding.UTF8, "application/json"), Token);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.True(body["accepted"]!.GetValue<int>() == items.Length, body.ToJsonString());
    }

    private async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await host.Http.GetStringAsync(path, Token))!;

    private async Task<JsonNode> DeleteAsync(string path, HttpStatusCode expected)
    {
        using var response = await host.Http.DeleteAsync(path, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private Task<JsonNode> EventuallyAsync(string path, Func<JsonNode, bool> condition) =>
        host.Http.EventuallyAsync(path, condition, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), Token);
}
