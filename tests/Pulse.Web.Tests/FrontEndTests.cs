using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pulse.Silo;
using Pulse.Testing.Network;

namespace Pulse.Web.Tests;

/// <summary>The HTTP API as a separate Orleans client process (role <c>frontend</c>) in front of a silo.</summary>
public sealed class FrontEndTests
{
    [Fact]
    public async Task AFrontEndClientServesTheApiOfTheSiloBehindIt()
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        string[] orleans = [$"--Pulse:Orleans:SiloPort={siloPort}", $"--Pulse:Orleans:GatewayPort={gatewayPort}", "--Pulse:Orleans:ClusterId=frontend-test", "--Logging:LogLevel:Default=Warning"];
        await using var silo = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Demo:Enabled=false", .. orleans]);
        await silo.StartAsync(TestContext.Current.CancellationToken);
        await using var frontEnd = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Role=frontend", .. orleans]);
        await frontEnd.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(frontEnd.Urls.First()) };

        var id = IngestEndpointTests.NewId();
        var body = new JsonArray(IngestEndpointTests.Item(id, "1", DateTimeOffset.UtcNow, "web", "purchase", amount: 12m)).ToJsonString();
        var response = await http.PostAsync("/api/v1/interactions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        JsonNode? profile = null;
        for (var i = 0; i < 500 && profile is null; i++)
        {
            var get = await http.GetAsync($"/api/v1/customers/{id}", TestContext.Current.CancellationToken);
            profile = get.IsSuccessStatusCode ? JsonNode.Parse(await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)) : null;
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(12m, profile!["rfm"]!["totalSpend"]!.GetValue<decimal>());
        await frontEnd.StopAsync(TestContext.Current.CancellationToken);
        await silo.StopAsync(TestContext.Current.CancellationToken);
    }

}
