using Pulse.Contracts.Operations;

namespace Pulse.Grains.Operations;

/// <summary>Keeps each silo's latest reports for a short window and sums them for the operator view.</summary>
public sealed class OperationsGrain(TimeProvider time) : Grain, IOperationsGrain
{
    /// <summary>The window rates and percentiles are taken over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly List<SiloActivity> _reports = [];

    public Task ReportAsync(SiloActivity activity)
    {
        _reports.Add(activity);
        Trim();
        return Task.CompletedTask;
    }

    public Task<ClusterActivity> GetActivityAsync()
    {
        Trim();
        var buckets = new long[LatencyHistogram.Buckets];
        long applied = 0;
        var covered = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var report in _reports)
        {
            applied += report.Applied;
            covered[report.Silo] = covered.GetValueOrDefault(report.Silo) + report.Interval;
            for (var i = 0; i < Math.Min(buckets.Length, report.LatencyBuckets.Length); i++)
            {
                buckets[i] += report.LatencyBuckets[i];
            }
        }

        // Each silo's rate over the time its own reports cover, summed.
        var perSecond = covered.Count == 0 ? 0 : _reports
            .GroupBy(r => r.Silo)
            .Sum(g => g.Sum(r => r.Applied) / Math.Max(covered[g.Key].TotalSeconds, 1e-3));
        return Task.FromResult(new ClusterActivity(
            covered.Count,
            perSecond,
            LatencyHistogram.Quantile(buckets, 0.50),
            LatencyHistogram.Quantile(buckets, 0.95),
            LatencyHistogram.Quantile(buckets, 0.99)));
    }

    /// <summary>Drops reports outside the window, wherever they sit: a silo's clock may lag the others'.</summary>
    private void Trim()
    {
        var since = time.GetUtcNow() - Window;
        _reports.RemoveAll(report => report.At < since);
    }
}
