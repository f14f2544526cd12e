using Orleans.Runtime;

namespace Pulse.Grains.Segments;

/// <summary>Runs the silo's segmentation cache and aggregator while the silo is active.</summary>
internal sealed class SegmentsLifecycle(SegmentModelCache cache, SegmentAggregator aggregator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(SegmentModelCache), ServiceLifecycleStage.Active, cache.StartAsync, cache.StopAsync);
        lifecycle.Subscribe(nameof(SegmentAggregator), ServiceLifecycleStage.Active + 1, aggregator.StartAsync, aggregator.StopAsync);
    }
}
