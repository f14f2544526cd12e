using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Runtime;
using Pulse.Contracts.Ingest;
using Pulse.Grains.Customers;
using Pulse.Grains.Delivery;
using Pulse.Grains.Identity;
using Pulse.Grains.Ingest;
using Pulse.Grains.Models;
using Pulse.Grains.Operations;
using Pulse.Grains.Segments;
using Npgsql;
using Pulse.Grains.Graph;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Postgres;
using Pulse.Contracts.Identity;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Triggers.Feed;

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
        services.AddSingleton(_ => NpgsqlDataSource.Create(ConnectionPools.WithDefaultMaximum(connectionString, ConnectionPools.InteractionLog)));
        services.AddSingleton<IInteractionLog, PostgresInteractionLog>();
        services.AddSingleton<ISegmentMembers, PostgresSegmentMembers>();
        services.AddPulsePostgresTriggerOutbox();

        // The audit trail of the HTTP API in front of this log (docs/security.md).
        services.AddSingleton<Audit.PostgresAuditTrail>();
        services.AddSingleton<Pulse.Contracts.Audit.IAuditTrail>(sp => sp.GetRequiredService<Audit.PostgresAuditTrail>());
        services.AddHostedService(sp => sp.GetRequiredService<Audit.PostgresAuditTrail>());
        services.AddHostedService(_ => new SchemaCheck(connectionString));
        return services;
    }

    /// <summary>
    /// Ingest in a front end (an Orleans client) on PostgreSQL: it logs batches itself, so an
    /// acknowledgement waits for the database only; the silos deliver from the log. Call after
    /// <see cref="AddPulsePostgresLog"/>.
    /// </summary>
    public static IServiceCollection AddPulseFrontEndIngest(this IServiceCollection services)
    {
        services.TryAddSingleton<InteractionIngest>();
        services.TryAddSingleton<IInteractionIngest>(sp => sp.GetRequiredService<InteractionIngest>());
        return services;
    }

    /// <summary>Grain options from <c>Pulse:Customers</c>, the clock, and the local profile's in-memory log (unless a log is already registered).</summary>
    public static IServiceCollection AddPulseGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerOptions>(configuration.GetSection("Pulse:Customers"));
        services.Configure<DeliveryOptions>(configuration.GetSection("Pulse:Delivery"));
        services.Configure<InMemoryInteractionLogOptions>(configuration.GetSection("Pulse:InteractionLog"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInteractionLog, InMemoryInteractionLog>();
        services.TryAddSingleton<ISegmentMembers, InMemorySegmentMembers>();
        services.TryAddSingleton<InteractionIngest>();
        services.TryAddSingleton<IInteractionIngest>(sp => sp.GetRequiredService<InteractionIngest>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DeliveryKeeper>();
        services.Configure<ClvOptions>(configuration.GetSection("Pulse:Models:Clv"));
        services.TryAddSingleton<AppliedActivity>();
        services.AddHostedService<ActivityReporter>();

        // The Pulse meter's silo figures (docs/operations.md, "Metrics"); the host chooses the exporters.
        services.AddMetrics();
        services.TryAddSingleton<DeliveryLag>();
        services.TryAddSingleton<SiloMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloMetrics>());

        services.TryAddSingleton<ClvModelCache>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClvModelCacheLifecycle>();
        services.Configure<ChurnOptions>(configuration.GetSection("Pulse:Models:Churn"));
        services.TryAddSingleton<SentimentModelCache>();
        services.TryAddSingleton<ChurnModelCache>();
        services.TryAddSingleton<ShippedModels>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LearnedModelCacheLifecycle>();
        services.Configure<SegmentOptions>(configuration.GetSection("Pulse:Segments"));
        services.TryAddSingleton(sp => new SegmentVector(sp.GetRequiredService<IOptions<SegmentOptions>>().Value));
        services.TryAddSingleton<SegmentModelCache>();
        services.TryAddSingleton<SegmentAggregator>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SegmentsLifecycle>();
        services.Configure<GraphOptions>(configuration.GetSection("Pulse:Graph"));
        services.TryAddSingleton<RelationshipDelivery>();
        services.TryAddSingleton<IdentityDelivery>();
        services.AddPulseTriggerRules(configuration);
        services.AddPulseTriggerDelivery(configuration);
        services.AddPulseTriggerFeed();
        services.AddPulseIdentityKeys(configuration);
        return services;
    }

    /// <summary>
    /// How identifiers are keyed, from <c>Pulse:Identity</c>; every process that serves the HTTP API needs it
    /// (a silo through <see cref="AddPulseGrains"/>, a front end directly), since it hashes before calling a grain.
    /// </summary>
    /// <remarks>
    /// Unset, the hash key is <see cref="IdentityOptions.DevelopmentHashKey"/>: a fixed, published
    /// development key, so the local profile works out of the box (docs/identity.md). Issue 11 requires
    /// a configured key outside the local profile.
    /// </remarks>
    public static IServiceCollection AddPulseIdentityKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdentityOptions>(configuration.GetSection(IdentityOptions.Section));
        services.TryAddSingleton<IdentifierKeys>();
        services.TryAddSingleton<IIdentifierKeys>(sp => sp.GetRequiredService<IdentifierKeys>());
        return services;
    }

    /// <summary>The live feed of firings, read from the trigger outbox (a silo's, or a front end's on PostgreSQL).</summary>
    public static IServiceCollection AddPulseTriggerFeed(this IServiceCollection services)
    {
        services.TryAddSingleton<TriggerFeed>();
        services.TryAddSingleton<ITriggerFeed>(sp => sp.GetRequiredService<TriggerFeed>());
        return services;
    }
}
