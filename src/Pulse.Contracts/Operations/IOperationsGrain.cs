namespace Pulse.Contracts.Operations;

/// <summary>
/// The cluster's activity in one place: each silo reports what its customers applied every couple of
/// seconds, and the operator view reads the sum.
/// </summary>
[Alias("pulse.IOperationsGrain")]
public interface IOperationsGrain : IGrainWithIntegerKey
{
    [Alias("ReportAsync")]
    Task ReportAsync(SiloActivity activity);

    [Orleans.Concurrency.ReadOnly, Alias("GetActivityAsync")]
    Task<ClusterActivity> GetActivityAsync();
}
