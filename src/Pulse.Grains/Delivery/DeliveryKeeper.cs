using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
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
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeliveryKeeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.KeeperInterval);
        do
        {
            for (var partition = 0; partition < LogPartitions.Count; partition++)
            {
                try
                {
                    await grains.GetGrain<IInteractionDeliveryGrain>(partition).WakeAsync().WaitAsync(_stopping.Token);
                }
                catch (Exception ex) when (!_stopping.IsCancellationRequested)
                {
                    LogWakeFailed(ex, partition);
                }
                catch (Exception)
                {
                    return;
                }
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake delivery of partition {Partition}; trying again next interval")]
    private partial void LogWakeFailed(Exception exception, int partition);
}
