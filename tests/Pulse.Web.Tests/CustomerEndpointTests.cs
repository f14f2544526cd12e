using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class CustomerEndpointTests(SiloHostFixture host)
{
    [Fact]
    public async Task AnUnknownCustomerIs404WithAProblem()
    {
        var response = await host.Http.GetAsync("/api/v1/customers/nobody-" + Guid.NewGuid(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var timeline = await host.Http.GetAsync("/api/v1/customers/nobody-" + Guid.NewGuid() + "/interactions", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, timeline.StatusCode);
    }

    [Fact]
    public async Task AsOfTakesTheRfmSummaryAtThatDay()
    {
        var id = IngestEndpointTests.NewId();
        var first = new DateTimeOffset(2025, 1, 10, 15, 0, 0, TimeSpan.Zero);
        var items = new JsonArray(
            IngestEndpointTests.Item(id, "1", first, "store", "purchase", amount: 10m),
            IngestEndpointTests.Item(id, "2", first.AddDays(20), "store", "purchase", amount: 30m),
            IngestEndpointTests.Item(id, "3", first.AddDays(50), "store", "purchase", amount: 50m));
        await host.Http.PostAsync("/api/v1/interactions", new StringContent(items.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        JsonNode? profile = null;
        for (var i = 0; i < 500 && profile?["interactionCount"]?.GetValue<long>() != 3; i++)
        {
            var response = await host.Http.GetAsync($"/api/v1/customers/{id}?asOf=2025-02-09T00:00:00Z", TestContext.Current.CancellationToken);
            profile = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)) : null;
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        // lifetimes semantics at 2025-02-09: one repeat day (day 20), recency 20, T 30, monetary 30.
        var rfm = profile!["rfm"]!;
        Assert.Equal(1, rfm["frequency"]!.GetValue<int>());
        Assert.Equal(20, rfm["recencyDays"]!.GetValue<double>());
        Assert.Equal(30, rfm["tDays"]!.GetValue<double>());
        Assert.Equal(30m, rfm["monetaryValue"]!.GetValue<decimal>());
        Assert.Equal("2025-01-10", rfm["firstPurchase"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABadAsOfIs400NamingTheParameter()
    {
        var response = await host.Http.GetAsync("/api/v1/customers/x?asOf=soon", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asOf", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var document = await host.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/interactions", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/customers/{id}", document, StringComparison.Ordinal);
    }
}
