using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pulse.Grains.Postgres;
using Pulse.Silo;
using Pulse.Testing.Network;
using Pulse.Testing.Postgres;
using Pulse.Web.Health;

namespace Pulse.Web.Tests.Operations;

/// <summary>
/// The probes Kubernetes asks (k8s/base): <c>/health/startup</c>, <c>/health/live</c> and <c>/health/ready</c>,
/// on real hosts: a local silo, a silo on a real PostgreSQL that is stopped and started again, and a front end
/// whose silo goes away.
/// </summary>
public sealed class HealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Startup_is_unhealthy_until_the_host_has_started_then_healthy()
    {
        await using var silo = PulseSiloHost.Build(LocalSilo("health-startup"));
        var health = silo.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Startup), Token);
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal("starting", before.Entries["started"].Description);

        await silo.StartAsync(Token);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.First()) };
        var (status, body) = await GetAsync(http, "/health/startup");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["started"]!["status"]!.GetValue<string>());
        await silo.StopAsync(Token);
    }

    [Fact]
    public async Task A_local_silo_is_live_with_no_checks_and_ready_once_in_the_cluster_with_its_models()
    {
        await using var silo = PulseSiloHost.Build(LocalSilo("health-local"));
        await silo.StartAsync(Token);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.First()) };

        // Liveness runs no check at all: nothing it does can wait on a grain or the database.
        var (liveStatus, live) = await GetAsync(http, "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Empty(live["checks"]!.AsObject());

        var ready = await EventuallyAsync(http, "/health/ready", (s, _) => s == HttpStatusCode.OK);
        Assert.Equal("Healthy", ready["checks"]!["cluster"]!["status"]!.GetValue<string>());
        Assert.Contains("active in cluster health-local", ready["checks"]!["cluster"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // No model was ever fitted here: the silo is ready all the same, scoring text with the shipped sentiment model.
        var models = ready["checks"]!["models"]!;
        Assert.Equal("Healthy", models["status"]!.GetValue<string>());
        Assert.Contains("clv none yet", models["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("sentiment none yet", models["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(ready["checks"]!["storage"]);
        await silo.StopAsync(Token);
    }

    [Fact]
    public async Task Ready_fails_while_PostgreSQL_is_down_and_recovers_when_it_is_back_while_live_stays_up()
    {
        await using var postgres = await TemporaryPostgres.StartAsync(Token);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, Token);
        await using var silo = await PostgresSilo.StartAsync(postgres.ConnectionString, $"health-pg-{Guid.NewGuid():N}", Token);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };

        var ready = await EventuallyAsync(http, "/health/ready", (s, _) => s == HttpStatusCode.OK);
        Assert.Equal("PostgreSQL answers", ready["checks"]!["storage"]!["description"]!.GetValue<string>());

        await postgres.StopAsync();
        var down = await EventuallyAsync(http, "/health/ready", (s, _) => s == HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", down["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", down["checks"]!["storage"]!["status"]!.GetValue<string>());
        Assert.StartsWith("PostgreSQL does not answer", down["checks"]!["storage"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // The process itself is fine: Kubernetes must not restart it for the database's sake.
        var (liveStatus, _) = await GetAsync(http, "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);

        await postgres.RestartAsync(Token);
        var back = await EventuallyAsync(http, "/health/ready", (s, _) => s == HttpStatusCode.OK);
        Assert.Equal("Healthy", back["checks"]!["storage"]!["status"]!.GetValue<string>());
        await silo.StopAsync(Token);
    }

    [Fact]
    public async Task A_front_end_is_ready_while_connected_to_a_silo_and_not_once_the_silo_is_gone()
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        string[] orleans = [$"--Pulse:Orleans:SiloPort={siloPort}", $"--Pulse:Orleans:GatewayPort={gatewayPort}", "--Pulse:Orleans:ClusterId=health-frontend", "--Logging:LogLevel:Default=Critical"];
        await using var silo = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Demo:Enabled=false", .. orleans]);
        await silo.StartAsync(Token);
        await using var frontEnd = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Role=frontend", .. orleans]);
        await frontEnd.StartAsync(Token);
        using var http = new HttpClient { BaseAddress = new Uri(frontEnd.Urls.First()) };

        var ready = await EventuallyAsync(http, "/health/ready", (s, _) => s == HttpStatusCode.OK);
        Assert.Equal("connected to 1 gateway(s)", ready["checks"]!["cluster"]!["description"]!.GetValue<string>());

        await silo.StopAsync(Token);
        var alone = await EventuallyAsync(http, "/health/ready", (s, _) => s == HttpStatusCode.ServiceUnavailable);
        Assert.Equal("not connected to any silo", alone["checks"]!["cluster"]!["description"]!.GetValue<string>());
        var (liveStatus, _) = await GetAsync(http, "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        await frontEnd.StopAsync(Token);
    }

    private static string[] LocalSilo(string clusterId) =>
    [
        "--urls=http://127.0.0.1:0",
        "--Pulse:Demo:Enabled=false",
        $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
        $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
        $"--Pulse:Orleans:ClusterId={clusterId}",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Token);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!);
    }

    /// <summary>Asks <paramref name="path"/> every 200 ms until its status and body meet <paramref name="condition"/>.</summary>
    private static async Task<JsonNode> EventuallyAsync(HttpClient http, string path, Func<HttpStatusCode, JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = "(none)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var (status, body) = await GetAsync(http, path);
                last = $"{(int)status} {body.ToJsonString()}";
                if (condition(status, body))
                {
                    return body;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(200, Token);
        }

        throw new TimeoutException($"{path} never met the condition; last: {last}");
    }
}
