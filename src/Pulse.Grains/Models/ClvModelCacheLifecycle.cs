using Orleans.Runtime;

namespace Pulse.Grains.Models;

/// <summary>Runs the silo's <see cref="ClvModelCache"/> refresh loop while the silo is active.</summary>
internal sealed class ClvModelCacheLifecycle(ClvModelCache cache) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClvModelCache), ServiceLifecycleStage.Active, cache.StartAsync, cache.StopAsync);
}
