using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class IdentityEndpointTests(SiloHostFixture host)
{
    [Fact]
    public async Task A_linked_email_is_found_in_any_case_and_never_echoed_back()
    {
        var email = $"ada.{Guid.NewGuid():N}@example.com";
        var customer = IngestEndpointTests.NewId();

        var linked = await LinkAsync("email", email, customer, verified: true);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var linkedText = await linked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(email, linkedText, StringComparison.OrdinalIgnoreCase);

        var found = await host.Http.GetAsync($"/api/v1/identities/email/{Uri.EscapeDataString(" " + email.ToUpperInvariant())}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var text = await found.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ada.", text, StringComparison.OrdinalIgnoreCase);

        var owner = JsonNode.Parse(text)!;
        Assert.Equal("email", owner["type"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", owner["key"]!.GetValue<string>());
        Assert.Equal(customer, owner["customerId"]!.GetValue<string>());
        Assert.True(owner["verified"]!.GetValue<bool>());
        Assert.Equal("linked via API", owner["how"]!.GetValue<string>());
        Assert.True(owner["since"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow);
        Assert.Equal(JsonNode.Parse(linkedText)!.ToJsonString(), owner.ToJsonString());
    }

    [Fact]
    public async Task Linking_again_is_200_for_the_owner_and_409_naming_the_owner_for_another_customer()
    {
        var account = $"acct-{Guid.NewGuid():N}";
        var first = IngestEndpointTests.NewId();
        var second = IngestEndpointTests.NewId();
        Assert.Equal(HttpStatusCode.OK, (await LinkAsync("account", account, first, verified: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LinkAsync("account", account, first, verified: false)).StatusCode);

        var conflict = await LinkAsync("account", account, second, verified: true);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await conflict.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Contains(first, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(first, problem["ownerId"]!.GetValue<string>());

        var owner = JsonNode.Parse(await host.Http.GetStringAsync($"/api/v1/identities/account/{account}", TestContext.Current.CancellationToken))!;
        Assert.Equal(first, owner["customerId"]!.GetValue<string>());
        Assert.Equal(account, owner["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unclaimed_identifier_is_404_with_a_problem()
    {
        var response = await host.Http.GetAsync($"/api/v1/identities/phone/+4930{Random.Shared.Next(1000000, 9999999)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_malformed_value_or_an_unknown_type_is_400_naming_the_field()
    {
        var badEmail = await host.Http.GetAsync("/api/v1/identities/email/not-an-address", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        var detail = JsonNode.Parse(await badEmail.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["detail"]!.GetValue<string>();
        Assert.StartsWith("value:", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-address", detail, StringComparison.Ordinal);

        var badLink = await LinkAsync("email", "a@b@c", IngestEndpointTests.NewId(), verified: true);
        Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);

        var badType = await host.Http.GetAsync("/api/v1/identities/twitter/ada", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        var typeDetail = JsonNode.Parse(await badType.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["detail"]!.GetValue<string>();
        Assert.StartsWith("type:", typeDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_without_a_customer_is_400_naming_customerId()
    {
        var response = await host.Http.PostAsJsonAsync($"/api/v1/identities/device/{Guid.NewGuid():N}", new { verified = true }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("customerId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_open_api_document_describes_the_identity_endpoints()
    {
        var document = await host.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/identities/{type}/{value}", document, StringComparison.Ordinal);
        Assert.Contains("LinkIdentity", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_carrying_a_verified_email_joins_the_customer_who_confirmed_it_first()
    {
        var token = TestContext.Current.CancellationToken;
        var email = $"grace.{Guid.NewGuid():N}@example.com";
        var (known, other) = (IngestEndpointTests.NewId(), IngestEndpointTests.NewId());
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        JsonObject WithEmail(JsonObject item, string address)
        {
            item["identities"] = new JsonArray(new JsonObject { ["type"] = "email", ["value"] = address, ["verified"] = true });
            return item;
        }

        // The first customer confirms the address; its identifier is claimed on delivery.
        await PostAsync(WithEmail(IngestEndpointTests.Item(known, "1", at, "web", "purchase", amount: 12m), email));
        var claimed = await host.Http.EventuallyAsync($"/api/v1/identities/email/{Uri.EscapeDataString(email)}", o => o["customerId"]!.GetValue<string>() == known, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), token);
        Assert.True(claimed["verified"]!.GetValue<bool>());

        // A call-centre record under another id confirms the same address, written differently: one person.
        await PostAsync(WithEmail(IngestEndpointTests.Item(other, "1", at.AddMinutes(5), "call-centre", "call"), "  " + email.ToUpperInvariant()));
        var joined = await host.Http.EventuallyAsync($"/api/v1/identities/email/{Uri.EscapeDataString(email)}", o => o["currentCustomerId"]!.GetValue<string>() == known, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), token);
        Assert.Equal(known, joined["customerId"]!.GetValue<string>());
        var profile = await host.Http.EventuallyAsync($"/api/v1/customers/{known}", p => p["interactionCount"]!.GetValue<long>() == 2, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), token);
        Assert.Equal(12m, profile["rfm"]!["totalSpend"]!.GetValue<decimal>());

        var merges = JsonNode.Parse(await host.Http.GetStringAsync($"/api/v1/customers/{known}/merges", token))!;
        var merge = Assert.Single(merges["merges"]!.AsArray())!;
        Assert.True(merge["deterministic"]!.GetValue<bool>());
        Assert.Equal(other, merge["absorbedId"]!.GetValue<string>());

        // The clear address is kept nowhere the API shows: the interactions carry its keyed hash.
        var interactions = await host.Http.GetStringAsync($"/api/v1/customers/{known}/interactions", token);
        Assert.DoesNotContain("grace.", interactions, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(joined["key"]!.GetValue<string>(), interactions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_with_the_email_in_the_body_finds_its_customer_and_names_a_bad_one()
    {
        var token = TestContext.Current.CancellationToken;
        var email = $"lin.{Guid.NewGuid():N}@example.com";
        var customer = IngestEndpointTests.NewId();
        Assert.Equal(HttpStatusCode.OK, (await LinkAsync("email", email, customer, verified: true)).StatusCode);

        using var found = await host.Http.PostAsJsonAsync("/api/v1/identities/lookup", new { type = "email", value = email.ToUpperInvariant() }, token);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var view = JsonNode.Parse(await found.Content.ReadAsStringAsync(token))!;
        Assert.Equal((customer, customer), (view["customerId"]!.GetValue<string>(), view["currentCustomerId"]!.GetValue<string>()));

        using var unknown = await host.Http.PostAsJsonAsync("/api/v1/identities/lookup", new { type = "email", value = $"nobody.{Guid.NewGuid():N}@example.com" }, token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var bad = await host.Http.PostAsJsonAsync("/api/v1/identities/lookup", new { type = "phone", value = "12" }, token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("value:", await bad.Content.ReadAsStringAsync(token), StringComparison.Ordinal);
        using var missing = await host.Http.PostAsJsonAsync("/api/v1/identities/lookup", new { type = "email" }, token);
        Assert.Contains("value: is required", await missing.Content.ReadAsStringAsync(token), StringComparison.Ordinal);
    }

    private async Task PostAsync(JsonObject item)
    {
        using var response = await host.Http.PostAsync("/api/v1/interactions", new StringContent(new JsonArray(item).ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> LinkAsync(string type, string value, string customerId, bool verified) =>
        host.Http.PostAsJsonAsync($"/api/v1/identities/{type}/{Uri.EscapeDataString(value)}", new { customerId, verified }, TestContext.Current.CancellationToken);
}
