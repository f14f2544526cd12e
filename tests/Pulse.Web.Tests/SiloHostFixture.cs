using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Pulse.Silo;

namespace Pulse.Web.Tests;

/// <summary>The real Pulse silo host (Kestrel on loopback, local profile, demo feed off), shared by the HTTP tests.</summary>
public class SiloHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Extra command-line settings, for fixtures that want the host otherwise.</summary>
    protected virtual IEnumerable<string> Settings => ["--Pulse:Demo:Enabled=false"];

    public async ValueTask InitializeAsync()
    {
        _app = PulseSiloHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            .. Settings,
            $"--Pulse:Orleans:SiloPort={FreePort()}",
            $"--Pulse:Orleans:GatewayPort={FreePort()}",
            "--Pulse:Orleans:ClusterId=web-tests",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public virtual async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SiloHostCollection : ICollectionFixture<SiloHostFixture>
{
    public const string Name = "silo host";
}
