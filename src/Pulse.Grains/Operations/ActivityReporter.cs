using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.Contracts.Operations;

namespace Pulse.Grains.Operations;

/// <summary>Every couple of seconds, hands what this silo's customers applied to the operations grain.</summary>
public sealed partial class ActivityReporter(
    AppliedActivity activity,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<ActivityReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var last = time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var (applied, buckets) = activity.Take();
                var now = time.GetUtcNow();
                try
                {
                    await grains.GetGrain<IOperationsGrain>(0).ReportAsync(new SiloActivity(silo.SiloAddress.ToString(), now, now - last, applied, buckets));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A report lost while the cluster changes only leaves a gap in the operator's chart.
                    LogReportFailed(ex);
                }

                last = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The silo's activity report did not reach the operations grain")]
    private partial void LogReportFailed(Exception exception);
}
