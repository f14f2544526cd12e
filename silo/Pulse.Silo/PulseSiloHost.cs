using Orleans.Configuration;
using Pulse.Grains;
using Pulse.Grains.Hosting;
using Pulse.Silo.Demo;
using Pulse.Web;

namespace Pulse.Silo;

/// <summary>Builds the Pulse silo with its HTTP API, for <c>Program</c> and for tests that want the real host.</summary>
public static class PulseSiloHost
{
    public const string LocalProfile = "local";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var configuration = builder.Configuration;

        var profile = configuration["Pulse:Profile"] ?? LocalProfile;
        if (!string.Equals(profile, LocalProfile, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Pulse:Profile '{profile}' is not known; this build offers: {LocalProfile}.");
        }

        builder.Services.AddPulseGrains(configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: configuration.GetValue("Pulse:Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                gatewayPort: configuration.GetValue("Pulse:Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
                serviceId: "pulse",
                clusterId: configuration["Pulse:Orleans:ClusterId"] ?? "pulse-local");
            silo.AddPulseMemoryStorage(PulseStorage.Customers);
            silo.AddPulseMemoryStorage("PubSubStore");
            silo.AddPulseStreams();
        });

        builder.Services.AddPulseWeb();
        builder.Services.Configure<DemoFeedOptions>(configuration.GetSection("Pulse:Demo"));
        if (configuration.GetValue("Pulse:Demo:Enabled", false))
        {
            builder.Services.AddHostedService<DemoFeed>();
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPulseApi();
        return app;
    }
}
