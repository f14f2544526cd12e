using System.Reflection;
using Orleans.TestingHost;
using Pulse.Grains.Hosting;

namespace Pulse.Integration.Tests.Postgres;

/// <summary>In-process test clusters configured as the <c>postgres</c> profile: membership, grain state and reminders in one database.</summary>
public static class PostgresCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string connectionString, short silos, Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        UseProviderMembership(builder.Options);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePulsePostgres(connectionString);
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.UsePulsePostgresClustering(connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Turns off the harness's own in-memory membership table and gateway list, which would otherwise
    /// be registered after ours and hide the AdoNet provider under test. The switch,
    /// <see cref="InProcessTestClusterOptions"/>.UseTestClusterMembership, has an internal setter in
    /// Orleans 10.4.2, hence reflection; if a later version drops it this fails loudly, not silently.
    /// </summary>
    private static void UseProviderMembership(InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership is gone: find the new way to keep the harness's membership out.");
        property.SetValue(options, false);
    }
}
