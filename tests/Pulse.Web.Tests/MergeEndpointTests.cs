using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>Merge and unmerge over HTTP: the survivor carries both histories, the absorbed id points at it, and unmerge gives each its own back.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class MergeEndpointTests(SiloHostFixture host)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_merged_into_an_account_carries_both_histories_until_unmerged()
    {
        var account = IngestEndpointTests.NewId();
        var cookie = IngestEndpointTests.NewId();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        await PostAsync(
            IngestEndpointTests.Item(account, "1", at, "web", "purchase", amount: 20m),
            IngestEndpointTests.Item(account, "2", at.AddMinutes(5), "web", "page-view"),
            IngestEndpointTests.Item(cookie, "1", at.AddMinutes(1), "web", "page-view"),
            IngestEndpointTests.Item(cookie, "2", at.AddMinutes(2), "web", "purchase", amount: 5m),
            IngestEndpointTests.Item(cookie, "3", at.AddMinutes(3), "web", "page-view"));
        await CountAsync(account, 2);
        await CountAsync(cookie, 3);

        using var merged = await host.Http.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = account, absorbedId = cookie, reason = "login" }, Token);
        var view = JsonNode.Parse(await merged.Content.ReadAsStringAsync(Token))!;
        Assert.True(merged.StatusCode == HttpStatusCode.OK, view.ToJsonString());
        Assert.Equal(cookie, view["absorbedIds"]![0]!.GetValue<string>());
        Assert.Equal("done", view["status"]!.GetValue<string>());
        var mergeId = view["merge"]!["mergeId"]!.GetValue<string>();

        var profile = await CountAsync(account, 5);
        Assert.Equal(25m, profile["rfm"]!["totalSpend"]!.GetValue<decimal>());

        // The absorbed id answers where it went.
        using var gone = await host.Http.GetAsync($"/api/v1/customers/{cookie}", Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(account, JsonNode.Parse(await gone.Content.ReadAsStringAsync(Token))!["mergedInto"]!.GetValue<string>());

        // Merging it again elsewhere is refused, naming where it is.
        var other = IngestEndpointTests.NewId();
        await PostAsync(IngestEndpointTests.Item(other, "1", at, "web", "page-view"));
        await CountAsync(other, 1);
        using var refused = await host.Http.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = other, absorbedId = cookie, reason = "test" }, Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(account, await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        using var unmerged = await host.Http.PostAsJsonAsync($"/api/v1/customers/{account}/unmerge", new { absorbedId = cookie, reason = "not the same person" }, Token);
        Assert.Equal(HttpStatusCode.OK, unmerged.StatusCode);
        await CountAsync(account, 2);
        await CountAsync(cookie, 3);

        // Both records, with their reasons, on the customer's merge history; the unmerge names the merge it undid.
        var history = JsonNode.Parse(await host.Http.GetStringAsync($"/api/v1/customers/{cookie}/merges", Token))!;
        Assert.Null(history["mergedInto"]);
        var records = history["merges"]!.AsArray();
        Assert.Equal(["merge", "unmerge"], records.Select(r => r!["kind"]!.GetValue<string>()));
        // Who did it and why: with access control off in these tests, the caller is named as such.
        Assert.Equal(["explicit by access-off (access control off): login", "explicit by access-off (access control off): not the same person"], records.Select(r => r!["reason"]!.GetValue<string>()));
        Assert.All(records, r => Assert.Equal(mergeId, r!["mergeId"]!.GetValue<string>()));
        Assert.All(records, r => Assert.False(r!["deterministic"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Bad_merge_requests_are_400_naming_the_field()
    {
        var id = IngestEndpointTests.NewId();
        using var missing = await host.Http.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = id }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("absorbedId: is required", await missing.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        using var self = await host.Http.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = id, absorbedId = id }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("absorbedId:", await self.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // Two customers that were never merged: nothing to undo.
        using var notMerged = await host.Http.PostAsJsonAsync($"/api/v1/customers/{id}/unmerge", new { absorbedId = IngestEndpointTests.NewId() }, Token);
        Assert.Equal(HttpStatusCode.OK, notMerged.StatusCode);
        Assert.Equal("already-done", JsonNode.Parse(await notMerged.Content.ReadAsStringAsync(Token))!["status"]!.GetValue<string>());

        using var unknown = await host.Http.GetAsync($"/api/v1/customers/{IngestEndpointTests.NewId()}/merges", Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task PostAsync(params JsonObject[] items)
    {
        using var response = await host.Http.PostAsync("/api/v1/interactions", new StringContent(new JsonArray([.. items]).ToJsonString(), Encoding.UTF8, "application/json"), Token);
        response.EnsureSuccessStatusCode();
    }

    private Task<JsonNode> CountAsync(string id, long count) =>
        host.Http.EventuallyAsync($"/api/v1/customers/{id}", p => p["interactionCount"]!.GetValue<long>() == count, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), Token);
}
