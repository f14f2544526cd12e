namespace Pulse.Grains.Graph;

/// <summary>Cluster-internal: recomputes cores and communities over the whole graph on a schedule (key 0).</summary>
[Alias("pulse.IGraphAnalysisGrain")]
public interface IGraphAnalysisGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the schedule if it is not running.</summary>
    [Alias("WakeAsync")]
    Task WakeAsync();

    /// <summary>Runs an analysis now; returns the number of communities found.</summary>
    [Orleans.ResponseTimeout("00:05:00"), Alias("RunAsync")]
    Task<int> RunAsync();
}
