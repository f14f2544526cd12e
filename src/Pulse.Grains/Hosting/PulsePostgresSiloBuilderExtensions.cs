using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Pulse.Grains.Postgres;

namespace Pulse.Grains.Hosting;

/// <summary>
/// The <c>postgres</c> profile: membership, grain state and reminders in PostgreSQL through Orleans'
/// ADO.NET providers. The database must carry Pulse's schema first (<see cref="Postgres.PulseSchema"/>):
/// the providers read their SQL from its <c>OrleansQuery</c> table.
/// </summary>
public static class PulsePostgresSiloBuilderExtensions
{
    /// <summary>
    /// The ADO.NET invariant for PostgreSQL. Orleans maps it itself to <c>Npgsql.NpgsqlFactory.Instance</c>
    /// (loaded by assembly name), so no <c>DbProviderFactories</c> registration is needed, only Npgsql
    /// deployed with the application.
    /// </summary>
    public const string Invariant = "Npgsql";

    /// <summary>The grain storage names Pulse uses: customer checkpoints and the model registry.</summary>
    public static IReadOnlyList<string> StorageNames { get; } = [PulseStorage.Customers, PulseStorage.Models];

    /// <summary>ADO.NET clustering, grain storage for <see cref="StorageNames"/> and reminders, all on <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder UsePulsePostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        connectionString = ConnectionPools.WithDefaultMaximum(connectionString, ConnectionPools.Orleans);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        foreach (var name in StorageNames)
        {
            silo.AddPulsePostgresStorage(name, connectionString);
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>
    /// ADO.NET grain storage named <paramref name="name"/>, in Orleans' binary format: the provider's
    /// default is Newtonsoft JSON, which costs far more CPU per checkpoint (see <see cref="PulseSiloBuilderExtensions.AddPulseMemoryStorage"/>).
    /// </summary>
    public static ISiloBuilder AddPulsePostgresStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        connectionString = ConnectionPools.WithDefaultMaximum(connectionString, ConnectionPools.Orleans);
        silo.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(name)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }

    /// <summary>A client that finds its gateways in the membership table: the active silos that accept clients.</summary>
    public static IClientBuilder UsePulsePostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        connectionString = ConnectionPools.WithDefaultMaximum(connectionString, ConnectionPools.Orleans);
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return client;
    }
}
