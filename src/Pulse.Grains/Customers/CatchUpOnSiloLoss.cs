using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Pulse.Grains.Customers;

/// <summary>
/// When a silo leaves the cluster (dead, or shutting down), the events queued in its memory stream
/// queues and pulling agents are lost to the stream. They are in the interaction log, so every silo
/// asks each of its active customers to catch up from the log; customers that lived on the lost silo
/// replay the log when they reactivate.
/// </summary>
public sealed partial class CatchUpOnSiloLoss(
    IClusterMembershipService membership,
    LocalCustomers customers,
    IGrainFactory grains,
    ILogger<CatchUpOnSiloLoss> logger) : BackgroundService
{
    private const int Parallelism = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handled = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var lost = snapshot.Members.Values
                    .Where(m => m.Status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                    .Select(m => m.SiloAddress)
                    .Where(handled.Add)
                    .ToList();
                if (lost.Count > 0)
                {
                    await CatchUpAllAsync(lost, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Silo shutting down.
        }
    }

    private async Task CatchUpAllAsync(List<SiloAddress> lost, CancellationToken stoppingToken)
    {
        var ids = customers.Snapshot();
        var recovered = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken }, async (id, _) =>
        {
            try
            {
                Interlocked.Add(ref recovered, await grains.GetGrain<ICustomerCatchUpGrain>(id).CatchUpAsync());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCatchUpFailed(ex, id);
            }
        });
        LogCaughtUp(string.Join(", ", lost), ids.Count, recovered);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo(s) {Silos} left: {Customers} local customers caught up from the log, {Recovered} interactions recovered")]
    private partial void LogCaughtUp(string silos, int customers, int recovered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CustomerId} could not catch up from the log")]
    private partial void LogCatchUpFailed(Exception exception, string customerId);
}
