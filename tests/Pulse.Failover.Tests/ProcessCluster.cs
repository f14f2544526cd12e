using Pulse.Grains.Postgres;
using Pulse.Testing.Network;
using Pulse.Testing.Postgres;
using Pulse.Testing.Processes;

namespace Pulse.Failover.Tests;

/// <summary>
/// PostgreSQL from the Debian binaries plus several Pulse silo processes on the postgres profile, with
/// failure detection tuned for a test (a dead silo is declared within a few seconds).
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly string _clusterId = "failover-" + Guid.NewGuid().ToString("N")[..8];

    private ProcessCluster(TemporaryPostgres postgres) => Postgres = postgres;

    public TemporaryPostgres Postgres { get; }

    public List<PulseProcess> Silos { get; } = [];

    public List<PulseProcess> FrontEnds { get; } = [];

    public static async Task<ProcessCluster> StartAsync(int silos, CancellationToken cancellationToken)
    {
        var postgres = await TemporaryPostgres.StartAsync(cancellationToken);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, cancellationToken);
        var cluster = new ProcessCluster(postgres);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(i => cluster.AddSiloAsync($"silo-{i}", cancellationToken)));
            await cluster.WaitForActiveSilosAsync(silos, cancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async Task<PulseProcess> AddSiloAsync(string name, CancellationToken cancellationToken)
    {
        var silo = await PulseProcess.StartAsync(name,
        [
            "--Pulse:Profile=postgres",
            $"--ConnectionStrings:Pulse={Postgres.ConnectionString}",
            $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
            $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
            $"--Pulse:Orleans:ClusterId={_clusterId}",
            "--Pulse:Demo:Enabled=false",
            "--Pulse:Orleans:Membership:ProbeTimeout=00:00:01",
            "--Pulse:Orleans:Membership:NumMissedProbesLimit=2",
            "--Pulse:Orleans:Messaging:ResponseTimeout=00:00:05",
            "--Pulse:Customers:CheckpointInterval=00:00:05",
            "--Logging:LogLevel:Default=Warning",
        ], cancellationToken: cancellationToken);
        lock (Silos)
        {
            Silos.Add(silo);
        }

        return silo;
    }

    /// <summary>A front end: the HTTP API as an Orleans client of the cluster, logging what it accepts itself.</summary>
    public async Task<PulseProcess> AddFrontEndAsync(string name, CancellationToken cancellationToken)
    {
        var frontEnd = await PulseProcess.StartAsync(name,
        [
            "--Pulse:Profile=postgres",
            "--Pulse:Role=frontend",
            $"--ConnectionStrings:Pulse={Postgres.ConnectionString}",
            $"--Pulse:Orleans:ClusterId={_clusterId}",
            "--Pulse:Orleans:Messaging:ResponseTimeout=00:00:05",
            "--Logging:LogLevel:Default=Warning",
        ], cancellationToken: cancellationToken);
        lock (FrontEnds)
        {
            FrontEnds.Add(frontEnd);
        }

        return frontEnd;
    }

    /// <summary>Waits until the cluster lists <paramref name="count"/> active silos (answering HTTP is not yet having joined).</summary>
    public async Task WaitForActiveSilosAsync(int count, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Silos[0].Http, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                var view = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/api/v1/cluster", cancellationToken))!;
                if (view["silos"]!.AsArray().Count(s => s!["status"]!.GetValue<string>() == "Active") >= count)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The first silo is still starting its API.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} silos did not become active within 90 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in FrontEnds.Concat(Silos))
        {
            await process.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }
}
