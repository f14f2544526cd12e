using Orleans.Runtime;

namespace Pulse.Grains.Triggers.Registry;

/// <summary>Runs the silo's <see cref="TriggerRuleCache"/> refresh loop while the silo is active.</summary>
internal sealed class TriggerRuleCacheLifecycle(TriggerRuleCache cache) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TriggerRuleCache), ServiceLifecycleStage.Active, cache.StartAsync, cache.StopAsync);
}
