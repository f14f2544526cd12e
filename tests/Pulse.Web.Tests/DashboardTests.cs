using System.Net;
using System.Text.Json.Nodes;
using Pulse.Silo;
using Pulse.Testing.Network;

namespace Pulse.Web.Tests;

/// <summary>Orleans' dashboard, when switched on, is served under /dashboard (by a silo, or a front end before silos that have it) and linked from the operator view's figures.</summary>
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
    public async Task AFrontEndServesTheDashboardOfTheSilosBehindIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        string[] cluster = [$"--Pulse:Orleans:SiloPort={siloPort}", $"--Pulse:Orleans:GatewayPort={gatewayPort}", "--Pulse:Orleans:ClusterId=dashboard-frontend", "--Pulse:Dashboard:Enabled=true", "--Logging:LogLevel:Default=Warning"];
        await using var silo = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Demo:Enabled=false", .. cluster]);
        await silo.StartAsync(ct);
        await using var frontEnd = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Role=frontend", .. cluster]);
        await frontEnd.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(frontEnd.Urls.First()) };

        var stats = JsonNode.Parse(await http.GetStringAsync("/api/v1/operations/stats", ct))!;
        Assert.Equal("/dashboard/", stats["dashboardUrl"]!.GetValue<string>());

        // The page, and its data from the silo's dashboard grains.
        using var page = await http.GetAsync("/dashboard/", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var clusterStats = await http.GetAsync("/dashboard/ClusterStats", ct);
        Assert.Equal(HttpStatusCode.OK, clusterStats.StatusCode);
        await frontEnd.StopAsync(ct);
        await silo.StopAsync(ct);
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
