using Orleans.Runtime;

namespace Pulse.Grains.Models;

/// <summary>
/// Runs the silo's learned-model caches while the silo is active. The sentiment cache holds the model
/// shipped with Pulse from the start, so text is scored from the first event even before the registry
/// answers; the shipped model is also published when the registry has none.
/// </summary>
internal sealed class LearnedModelCacheLifecycle(SentimentModelCache sentiment, ChurnModelCache churn, ShippedModels shipped) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ShippedModels), ServiceLifecycleStage.Active, ct =>
        {
            sentiment.HoldUntilPublished(ShippedModels.SentimentArtifact());
            return shipped.PublishAsync(ct);
        });
        lifecycle.Subscribe(nameof(SentimentModelCache), ServiceLifecycleStage.Active + 1, sentiment.StartAsync, sentiment.StopAsync);
        lifecycle.Subscribe(nameof(ChurnModelCache), ServiceLifecycleStage.Active + 1, churn.StartAsync, churn.StopAsync);
    }
}
