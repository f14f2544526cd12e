using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pulse.Silo;
using Pulse.Testing.Network;

namespace Pulse.Web.Tests;

/// <summary>A silo host on the postgres profile, in process, demo off, on free ports.</summary>
internal static class PostgresSilo
{
    /// <summary>What the host logged at error level (see <see cref="CapturedErrors"/>).</summary>
    public static CapturedErrors ErrorsOf(Microsoft.AspNetCore.Builder.WebApplication app) => app.Services.GetRequiredService<CapturedErrors>();

    public static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(string connectionString, string clusterId, CancellationToken ct, params string[] settings)
    {
        var app = PulseSiloHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Pulse:Profile=postgres",
            $"--ConnectionStrings:Pulse={connectionString}",
            "--Pulse:Demo:Enabled=false",
            $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
            $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
            $"--Pulse:Orleans:ClusterId={clusterId}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ],
        builder =>
        {
            var errors = new CapturedErrors();
            builder.Logging.AddProvider(errors);
            builder.Services.AddSingleton(errors);
        });
        await app.StartAsync(ct);
        return app;
    }
}
