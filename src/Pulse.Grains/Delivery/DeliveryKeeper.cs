using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Grains.Hosting;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Delivery;

/// <summary>
/// Keeps every partition's delivery running: each silo wakes all of them when it becomes active and
/// every few seconds after, so a partition whose silo left is running again on another within one
/// interval. Waking a running grain is a cheap call.
/// </summary>
internal sealed partial class DeliveryKeeper(
    IGrainFactory grains,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private SiloLoop? _loop;

    public void Participate(ISiloLifecycle lifecycle)
    {
        _loop = new SiloLoop(options.Value.KeeperInterval, WakeAllAsync, _ => { });
        lifecycle.Subscribe(nameof(DeliveryKeeper), ServiceLifecycleStage.Active, _loop.StartAsync, _loop.StopAsync);
    }

    private async Task WakeAllAsync(CancellationToken stopping)
    {
        for (var partition = 0; partition < LogPartitions.Count; partition++)
        {
            try
            {
                await grains.GetGrain<IInteractionDeliveryGrain>(partition).WakeAsync().WaitAsync(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                LogWakeFailed(ex, partition);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake delivery of partition {Partition}; trying again next interval")]
    private partial void LogWakeFailed(Exception exception, int partition);
}
