using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Pulse.Grains.Triggers;
using Pulse.Grains.Triggers.Registry;

namespace Pulse.Grains.Hosting;

/// <summary>Registers the silo's trigger rules: options from <c>Pulse:Triggers</c>, the per-silo <see cref="TriggerRuleCache"/> and its refresh loop.</summary>
public static class TriggerRegistryServiceCollectionExtensions
{
    public static IServiceCollection AddPulseTriggerRules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TriggerOptions>()
            .Bind(configuration.GetSection(TriggerOptions.Section))
            .Validate(
                o => o.RefreshInterval > TimeSpan.Zero && o.RefreshInterval <= TriggerOptions.MaxRefreshInterval,
                $"{TriggerOptions.Section}:RefreshInterval must be positive and at most {TriggerOptions.MaxRefreshInterval}.")
            .ValidateOnStart();
        services.TryAddSingleton<TriggerRuleCache>();

        // Idempotent, so a host that calls this beside a caller that already did still runs one loop.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, TriggerRuleCacheLifecycle>());
        return services;
    }
}
