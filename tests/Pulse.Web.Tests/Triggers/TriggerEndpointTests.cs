using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests.Triggers;

/// <summary>The trigger rules over HTTP: create, read, replace, disable, delete, and refusals that name the field.</summary>
public sealed class TriggerEndpointTests(TriggerHostFixture host) : IClassFixture<TriggerHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Rule(string id, string when = """{ "fact": "churn.probability", "above": 0.7, "rearmBelow": 0.6 }""", string extra = "") => $$"""
        { "id": "{{id}}", "name": "Retain at-risk customers", "category": "marketing", "when": {{when}}{{extra}} }
        """;

    [Fact]
    public async Task A_rule_goes_through_create_read_replace_disable_enable_and_delete()
    {
        var id = NewId();
        using var created = await PutAsync(id, Rule(id, extra: """, "webhooks": [ { "url": "https://crm.example.com/pulse" } ] """));
        var body = await ReadAsync(created);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/triggers/{id}", created.Headers.Location!.OriginalString);
        var version = body["version"]!.GetValue<long>();
        Assert.True(body["enabled"]!.GetValue<bool>());
        Assert.Equal(id, body["rule"]!["id"]!.GetValue<string>());
        Assert.Equal(version, body["rule"]!["version"]!.GetValue<long>());
        Assert.Equal(0.7, body["rule"]!["when"]!["above"]!.GetValue<double>());

        var read = await GetJsonAsync($"/api/v1/triggers/{id}");
        Assert.Equal(version, read["version"]!.GetValue<long>());
        Assert.NotNull(read["updatedAt"]);

        using var replaced = await PutAsync(id, Rule(id, extra: """, "priority": 5 """));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True((await ReadAsync(replaced))["version"]!.GetValue<long>() > version);

        var listing = await GetJsonAsync("/api/v1/triggers");
        var listed = listing["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(5, listed["rule"]!["priority"]!.GetValue<int>());
        Assert.True(listing["version"]!.GetValue<long>() >= listed["version"]!.GetValue<long>());

        using var disabled = await host.Http.PostAsync($"/api/v1/triggers/{id}/disable", null, Token);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var off = await ReadAsync(disabled);
        Assert.False(off["enabled"]!.GetValue<bool>());
        Assert.False(off["rule"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(5, off["rule"]!["priority"]!.GetValue<int>()); // the rest of the rule is kept
        using var enabled = await host.Http.PostAsync($"/api/v1/triggers/{id}/enable", null, Token);
        Assert.True((await ReadAsync(enabled))["enabled"]!.GetValue<bool>());

        using var deleted = await host.Http.DeleteAsync($"/api/v1/triggers/{id}", Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await host.Http.GetAsync($"/api/v1/triggers/{id}", Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(id, await gone.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var again = await host.Http.DeleteAsync($"/api/v1/triggers/{id}", Token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var disableGone = await host.Http.PostAsync($"/api/v1/triggers/{id}/disable", null, Token);
        Assert.Equal(HttpStatusCode.NotFound, disableGone.StatusCode);
    }

    [Fact]
    public async Task A_misspelled_fact_is_refused_with_its_path_and_the_closest_names()
    {
        var id = NewId();
        using var response = await PutAsync(id, Rule(id, """{ "all": [ { "event": "complaint" }, { "fact": "churn.probabilty", "above": 0.7 } ] }"""));

        var problem = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = problem["errors"]!["when.all[1].fact"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains("churn.probability", StringComparison.Ordinal));
        Assert.StartsWith("when.all[1].fact: ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var absent = await host.Http.GetAsync($"/api/v1/triggers/{id}", Token);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task A_rearm_threshold_on_the_wrong_side_is_refused_with_its_path()
    {
        var id = NewId();
        using var response = await PutAsync(id, Rule(id, """{ "fact": "churn.probability", "above": 0.7, "rearmBelow": 0.8 }"""));

        var problem = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["when.rearmBelow"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("when.rearmBelow", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_names_the_whole_document()
    {
        using var response = await PutAsync(NewId(), "{ \"id\": ");
        var problem = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["$"]);
    }

    [Fact]
    public async Task Post_creates_once_and_then_conflicts()
    {
        var id = NewId();
        using var first = await host.Http.PostAsync("/api/v1/triggers", Json(Rule(id)), Token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await host.Http.PostAsync("/api/v1/triggers", Json(Rule(id)), Token);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("PUT", await second.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        using var withoutId = await host.Http.PostAsync("/api/v1/triggers", Json("""{ "name": "n", "category": "service", "when": { "event": "complaint" } }"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, withoutId.StatusCode);
        Assert.NotNull((await ReadAsync(withoutId))["errors"]!["id"]);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_as_too_large()
    {
        var id = NewId();
        var huge = Rule(id, extra: $$""", "description": "{{new string('x', 70 * 1024)}}" """);
        using var response = await PutAsync(id, huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("64 KiB", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_without_a_configured_secret_names_the_setting()
    {
        var id = NewId();
        using var response = await PutAsync(id, Rule(id, extra: """, "webhooks": [ { "url": "https://crm.example.com/pulse", "secretName": "erp-signing" } ] """));
        var problem = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Pulse:Triggers:Secrets:erp-signing", problem["errors"]!["webhooks[0].secretName"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string NewId() => $"web-{Guid.NewGuid():N}"[..20];

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> PutAsync(string id, string body) => host.Http.PutAsync($"/api/v1/triggers/{id}", Json(body), Token);

    private async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await host.Http.GetStringAsync(path, Token))!;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
}
