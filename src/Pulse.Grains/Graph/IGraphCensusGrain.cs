using Pulse.Contracts.Graph;

namespace Pulse.Grains.Graph;

/// <summary>Cluster-internal: sums the shards' reports (key 0), and keeps the resync epoch.</summary>
[Alias("pulse.IGraphCensusGrain")]
public interface IGraphCensusGrain : IGrainWithIntegerKey
{
    /// <summary>A shard's report; returns the graph's totals.</summary>
    [Alias("ReportAsync")]
    Task<GraphTotals> ReportAsync(ShardReport report);

    /// <summary>
    /// A new epoch, told to every shard, unless one newer than <paramref name="seen"/> has started already
    /// (several shards asking at once get one). A shard asks when it starts cold or when the flows it waits for do not come.
    /// </summary>
    [Alias("RequestResyncAsync")]
    Task<long> RequestResyncAsync(long seen);

    /// <summary>The latest whole-graph analysis.</summary>
    [Alias("RecordAnalysisAsync")]
    Task RecordAnalysisAsync(int communities, double modularity, DateTimeOffset at);

    [Alias("GetStatusAsync")]
    Task<GraphStatus> GetStatusAsync();
}
