using Microsoft.Extensions.Logging;
using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pulse.Grains;
using Pulse.Grains.Delivery;
using Pulse.Grains.Hosting;
using Pulse.Silo.Demo;
using Pulse.Silo.Health;
using Pulse.Silo.Telemetry;
using Pulse.Web;
using Pulse.Web.Access;
using Pulse.Web.Ui;

namespace Pulse.Silo;

/// <summary>
/// Builds a Pulse process for <c>Program</c> and for tests that want the real host. Its role is a
/// silo serving the HTTP API (default), or a front end: the HTTP API as an Orleans client of a cluster.
/// </summary>
public static class PulseSiloHost
{
    public const string LocalProfile = "local";
    public const string PostgresProfile = "postgres";
    /// <summary>The local profile's webhook signing secret when none is configured: for development only.</summary>
    public const string LocalWebhookSecret = "pulse-local-development-secret";

    public const string SiloRole = "silo";
    public const string DashboardPath = "/dashboard";
    public const string FrontEndRole = "frontend";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Request paths and queries can carry identifiers (an email in /api/v1/identities/email/...): ASP.NET's own
        // per-request logging stays at warnings whatever the configured level (docs/security.md). The audit trail
        // records requests, with identifiers keyed.
        foreach (var category in (string[])["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.HttpLogging"])
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }

        configure?.Invoke(builder);
        var configuration = builder.Configuration;

        var profile = (configuration["Pulse:Profile"] ?? LocalProfile).ToLowerInvariant();
        if (profile is not (LocalProfile or PostgresProfile))
        {
            throw new InvalidOperationException($"Pulse:Profile '{profile}' is not known; use '{LocalProfile}' or '{PostgresProfile}'.");
        }

        if (profile == LocalProfile && configuration["Pulse:Triggers:Secrets:default"] is null)
        {
            // On a laptop, rules with webhooks work out of the box, signed with a fixed, published secret
            // (docs/triggers.md). A cluster must set its own: the postgres profile has no default.
            configuration["Pulse:Triggers:Secrets:default"] = LocalWebhookSecret;
        }

        if (profile == LocalProfile && configuration.GetValue("Pulse:Access:Enabled", true) && string.IsNullOrEmpty(configuration["Pulse:Access:AdminKey"]))
        {
            // Secure on a laptop too (docs/security.md): a fresh admin key each start (the local profile keeps nothing
            // between starts), shown once on the console, never logged. The UI's sign-in takes it.
            var (key, _, _) = ApiKeySecrets.New();
            configuration["Pulse:Access:AdminKey"] = key;
            Console.Out.WriteLine($"""

                Pulse admin key (shown once; sign in to the UI with it, or export PULSE_API_KEY for the CLI):
                    {key}

                """);
        }

        var postgres = profile == PostgresProfile
            ? configuration.GetConnectionString("Pulse") ?? throw new InvalidOperationException(
                "The postgres profile needs ConnectionStrings:Pulse (or the environment variable ConnectionStrings__Pulse), then `pulse db init`.")
            : null;

        var role = configuration["Pulse:Role"] ?? SiloRole;

        // Orleans' own dashboard profiles every grain call: on when asked for (docs/ui.md), linked from the operator
        // view. A front end serves it too, as long as the silos behind it have it on.
        var dashboard = configuration.GetValue("Pulse:Dashboard:Enabled", false);
        var orleans = new OrleansEndpoints(configuration);
        var tracing = PulseTelemetry.Tracing(configuration);
        if (string.Equals(role, SiloRole, StringComparison.OrdinalIgnoreCase))
        {
            if (postgres is not null)
            {
                builder.Services.AddPulsePostgresLog(postgres);
            }

            if (postgres is null)
            {
                // Reading the in-memory log costs nothing: read it often (configuration still wins).
                builder.Services.Configure<DeliveryOptions>(options => options.BusyPollInterval = TimeSpan.FromMilliseconds(5));
            }

            builder.Services.AddPulseGrains(configuration);

            // Failure detection and call time-outs are Orleans' own options, settable per deployment.
            builder.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Pulse:Orleans:Membership"));
            builder.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Pulse:Orleans:Messaging"));
            builder.UseOrleans(silo =>
            {
                if (postgres is null)
                {
                    silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                    silo.AddPulseMemoryStorage(PulseStorage.Customers);
                    silo.AddPulseMemoryStorage(PulseStorage.Models);
                    silo.UseInMemoryReminderService();
                }
                else
                {
                    silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (orleans.ClusterId, orleans.ServiceId));

                    // On a machine, silos talk over loopback. In a pod each advertises the pod's IP (the downward
                    // API's status.podIP) and listens on every interface, under the pod's name (k8s/, docs/operations.md).
                    silo.ConfigureEndpoints(orleans.AdvertisedAddress ?? IPAddress.Loopback, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: orleans.AdvertisedAddress is not null);
                    if (orleans.SiloName is { } name)
                    {
                        silo.Configure<SiloOptions>(options => options.SiloName = name);
                    }

                    silo.UsePulsePostgres(postgres);
                }

                if (dashboard)
                {
                    silo.AddDashboard();
                }

                if (tracing)
                {
                    silo.AddActivityPropagation();
                }
            });
            builder.Services.AddPulseSiloHealth(postgres is not null);

            builder.Services.Configure<DemoFeedOptions>(configuration.GetSection("Pulse:Demo"));
            if (configuration.GetValue("Pulse:Demo:Enabled", false))
            {
                builder.Services.AddHostedService<DemoFeed>();
            }
        }
        else if (string.Equals(role, FrontEndRole, StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton(TimeProvider.System);

            // The front end hashes emails and phone numbers itself, under the same key as the silos.
            builder.Services.AddPulseIdentityKeys(configuration);
            builder.Services.Configure<ClientMessagingOptions>(configuration.GetSection("Pulse:Orleans:Messaging"));
            var connection = new ClusterConnection();
            builder.UseOrleansClient(client =>
            {
                if (postgres is null)
                {
                    client.UseLocalhostClustering(orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                }
                else
                {
                    client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (orleans.ClusterId, orleans.ServiceId));
                    client.UsePulsePostgresClustering(postgres);
                }

                client.AddClusterConnectionStatusObserver(connection);
                if (dashboard)
                {
                    client.AddDashboard();
                }

                if (tracing)
                {
                    client.AddActivityPropagation();
                }
            });
            builder.Services.AddPulseFrontEndHealth(connection, postgres is not null);

            // On PostgreSQL the front end logs what it accepts itself: its acknowledgements wait for
            // the database, not for a silo, and the silos deliver from the log. On the local profile
            // the log lives in the silo.
            if (postgres is not null)
            {
                builder.Services.AddPulsePostgresLog(postgres);
                builder.Services.AddPulseFrontEndIngest();
                builder.Services.AddPulseTriggerFeed();
            }
        }
        else
        {
            throw new InvalidOperationException($"Pulse:Role '{role}' is not known; use '{SiloRole}' or '{FrontEndRole}'.");
        }

        builder.Services.AddPulseWeb();
        builder.Services.AddPulseTelemetry(configuration, role.ToLowerInvariant());
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePulseUi();
        app.UsePulseAccess();
        app.MapPulseApi();
        app.MapPrometheusScrapingEndpoint(PulseTelemetry.MetricsPath).DisableHttpMetrics();
        if (dashboard)
        {
            app.MapOrleansDashboard(DashboardPath);
            configuration["Pulse:Operations:DashboardUrl"] ??= DashboardPath + "/";
        }

        return app;
    }

    /// <summary>Where this process's Orleans endpoints are (<c>Pulse:Orleans:*</c>).</summary>
    private sealed class OrleansEndpoints(IConfiguration configuration)
    {
        public int SiloPort { get; } = configuration.GetValue("Pulse:Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);

        public int GatewayPort { get; } = configuration.GetValue("Pulse:Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);

        public string ClusterId { get; } = configuration["Pulse:Orleans:ClusterId"] ?? "pulse-local";

        public string ServiceId { get; } = configuration["Pulse:Orleans:ServiceId"] ?? "pulse";

        /// <summary>The address other silos and clients reach this silo at (in Kubernetes, the pod's IP); null: loopback.</summary>
        public IPAddress? AdvertisedAddress { get; } = configuration["Pulse:Orleans:AdvertisedIP"] is { Length: > 0 } ip
            ? IPAddress.TryParse(ip, out var address) ? address : throw new InvalidOperationException($"Pulse:Orleans:AdvertisedIP '{ip}' is not an IP address.")
            : null;

        /// <summary>The silo's name in the membership table (in Kubernetes, the pod's name); null: Orleans' default.</summary>
        public string? SiloName { get; } = configuration["Pulse:Orleans:SiloName"] is { Length: > 0 } name ? name : null;
    }
}
