using Microsoft.AspNetCore.Builder;
using Pulse.Silo;
using Pulse.Testing.Network;

namespace Pulse.Cli.Tests.Triggers;

/// <summary>The real Pulse host (local profile, demo feed off, a default webhook secret), so the trigger commands meet the real registry's validation.</summary>
public sealed class TriggerSiloFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = PulseSiloHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Pulse:Demo:Enabled=false",
            "--Pulse:Triggers:Secrets:default=cli-test-key",
            $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
            $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
            "--Pulse:Orleans:ClusterId=cli-triggers",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
