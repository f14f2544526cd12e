using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Grains.Customers;
using Npgsql;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Postgres;

namespace Pulse.Grains.Hosting;

/// <summary>Registers what Pulse's grains need from the silo's container.</summary>
public static class PulseGrainsServiceCollectionExtensions
{
    /// <summary>
    /// The durable interaction log on PostgreSQL; call before <see cref="AddPulseGrains"/>, which adds
    /// the in-memory log only when none is registered. Startup fails with a clear message when the
    /// database lacks Pulse's schema.
    /// </summary>
    public static IServiceCollection AddPulsePostgresLog(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IInteractionLog, PostgresInteractionLog>();
        services.AddHostedService(_ => new SchemaCheck(connectionString));
        return services;
    }

    /// <summary>Grain options from <c>Pulse:Customers</c>, the clock, and the local profile's in-memory log (unless a log is already registered).</summary>
    public static IServiceCollection AddPulseGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerOptions>(configuration.GetSection("Pulse:Customers"));
        services.Configure<InMemoryInteractionLogOptions>(configuration.GetSection("Pulse:InteractionLog"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInteractionLog, InMemoryInteractionLog>();
        services.TryAddSingleton<LocalCustomers>();
        services.AddHostedService<CatchUpOnSiloLoss>();
        return services;
    }
}
