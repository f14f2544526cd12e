using Microsoft.AspNetCore.Builder;
using Pulse.Silo;
using Pulse.Testing.Network;

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
            $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
            $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
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

}

[CollectionDefinition(Name)]
public sealed class SiloHostCollection : ICollectionFixture<SiloHostFixture>
{
    public const string Name = "silo host";
}
