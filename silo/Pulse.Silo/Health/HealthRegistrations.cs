using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pulse.Web.Health;

namespace Pulse.Silo.Health;

/// <summary>The readiness checks of each role (docs/operations.md, "Health"); startup and liveness are the web layer's own.</summary>
internal static class HealthRegistrations
{
    /// <summary>How long the database may take to answer a probe; the manifests give the readiness probe a longer time-out.</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A silo is ready when it is active in the cluster, its models are loaded and, on PostgreSQL, the database answers.</summary>
    public static IServiceCollection AddPulseSiloHealth(this IServiceCollection services, bool postgres)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<SiloMembershipCheck>("cluster", tags: [HealthTags.Ready])
            .AddCheck<ModelsCheck>("models", tags: [HealthTags.Ready]);
        if (postgres)
        {
            checks.AddCheck<StorageCheck>("storage", HealthStatus.Unhealthy, [HealthTags.Ready], StorageTimeout);
        }

        return services;
    }

    /// <summary>A front end is ready when it is connected to a silo and, on PostgreSQL (where it logs ingest itself), the database answers.</summary>
    public static IServiceCollection AddPulseFrontEndHealth(this IServiceCollection services, ClusterConnection connection, bool postgres)
    {
        services.AddSingleton(connection);
        var checks = services.AddHealthChecks().AddCheck<ClusterConnectionCheck>("cluster", tags: [HealthTags.Ready]);
        if (postgres)
        {
            checks.AddCheck<StorageCheck>("storage", HealthStatus.Unhealthy, [HealthTags.Ready], StorageTimeout);
        }

        return services;
    }
}
