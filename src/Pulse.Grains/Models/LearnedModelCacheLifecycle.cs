using Orleans.Runtime;

namespace Pulse.Grains.Models;

/// <summary>
/// Runs the silo's learned-model caches while the silo is active; first publishes the sentiment model
/// shipped with Pulse when the registry has none, so a new cluster scores text from its first event.
/// </summary>
internal sealed class LearnedModelCacheLifecycle(SentimentModelCache sentiment, ChurnModelCache churn, ShippedModels shipped) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ShippedModels), ServiceLifecycleStage.Active, shipped.PublishAsync);
        lifecycle.Subscribe(nameof(SentimentModelCache), ServiceLifecycleStage.Active + 1, sentiment.StartAsync, sentiment.StopAsync);
        lifecycle.Subscribe(nameof(ChurnModelCache), ServiceLifecycleStage.Active + 1, churn.StartAsync, churn.StopAsync);
    }
}
