using System.Net;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>Orleans' dashboard, when switched on, is served under /dashboard and linked from the operator view's figures.</summary>
public sealed class DashboardTests(DashboardTests.DashboardHost host) : IClassFixture<DashboardTests.DashboardHost>
{
    public sealed class DashboardHost : SiloHostFixture
    {
        protected override IEnumerable<string> Settings => ["--Pulse:Demo:Enabled=false", "--Pulse:Dashboard:Enabled=true"];
    }

    [Fact]
    public async Task TheDashboardAnswersAndTheStatsLinkToIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var stats = JsonNode.Parse(await host.Http.GetStringAsync("/api/v1/operations/stats", ct))!;
        var url = stats["dashboardUrl"]!.GetValue<string>();
        Assert.Equal("/dashboard/", url);

        using var page = await host.Http.GetAsync(url, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        // Its data API sees this silo.
        using var cluster = await host.Http.GetAsync(url + "ClusterStats", ct);
        Assert.Equal(HttpStatusCode.OK, cluster.StatusCode);
    }

    [Fact]
    public async Task WithoutTheDashboardTheStatsHaveNoLink()
    {
        await using var plain = new SiloHostFixture();
        await plain.InitializeAsync();
        var stats = JsonNode.Parse(await plain.Http.GetStringAsync("/api/v1/operations/stats", TestContext.Current.CancellationToken))!;
        Assert.Null(stats["dashboardUrl"]);
        using var page = await plain.Http.GetAsync("/dashboard/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
