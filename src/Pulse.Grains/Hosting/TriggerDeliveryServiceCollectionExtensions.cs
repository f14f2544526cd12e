using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Grains.Triggers.Delivery;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Hosting;

/// <summary>Registers the trigger outbox and the silo's webhook dispatcher (docs/triggers.md, "Delivery: outbox and webhooks").</summary>
public static class TriggerDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Delivery settings from <c>Pulse:Triggers:Delivery</c> (checked at start-up), signing secrets from
    /// <c>Pulse:Triggers:Secrets</c>, the local profile's in-memory outbox (unless an outbox is registered) and the
    /// <see cref="WebhookDispatcher"/>, started and stopped with the silo. Grains take the dispatcher from the
    /// container and call <see cref="WebhookDispatcher.Wake"/> after appending firings.
    /// </summary>
    public static IServiceCollection AddPulseTriggerDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TriggerDeliveryOptions>().Bind(configuration.GetSection(TriggerDeliveryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TriggerDeliveryOptions>, TriggerDeliveryOptionsValidator>());
        services.TryAddSingleton(new WebhookSecrets(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITriggerOutbox, InMemoryTriggerOutbox>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, WebhookDispatcherLifecycle>());
        return services;
    }

    /// <summary>
    /// The durable outbox in PostgreSQL (schema 0104), on the <c>NpgsqlDataSource</c> that
    /// <see cref="PulseGrainsServiceCollectionExtensions.AddPulsePostgresLog"/> registers; call next to it. It
    /// replaces the in-memory outbox whichever is registered first.
    /// </summary>
    public static IServiceCollection AddPulsePostgresTriggerOutbox(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ITriggerOutbox, PostgresTriggerOutbox>());
        return services;
    }
}
