namespace Pulse.Contracts.Segments;

/// <summary>
/// The segmentation model (streaming mini-batch k-means). Key: <see cref="Default"/>. Silos send it
/// mini-batches (about one a second each); every silo caches its latest version, and customers place
/// themselves with the cache.
/// </summary>
[Alias("pulse.ISegmentationGrain")]
public interface ISegmentationGrain : IGrainWithStringKey
{
    public const string Default = "default";

    [Orleans.Concurrency.ReadOnly, Alias("GetVersionAsync")]
    Task<long> GetVersionAsync();

    [Orleans.Concurrency.ReadOnly, Alias("GetModelAsync")]
    Task<SegmentationModel> GetModelAsync();

    /// <summary>Applies one silo's mini-batch. <paramref name="silo"/> names the sender, for the flush-rate figures.</summary>
    [Alias("ContributeAsync")]
    Task ContributeAsync(SegmentContribution contribution, string silo);

    /// <summary>Every segment's centre in units, traits and description; empty before the model seeds.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("GetSegmentsAsync")]
    Task<IReadOnlyList<SegmentDescription>> GetSegmentsAsync();

    [Orleans.Concurrency.ReadOnly, Alias("GetDriftAsync")]
    Task<SegmentationDrift> GetDriftAsync();

    [Orleans.Concurrency.ReadOnly, Alias("GetStatusAsync")]
    Task<SegmentationStatus> GetStatusAsync();

    /// <summary>Batch k-means for k = 2..<paramref name="maxK"/> on the model's sample: inertia (elbow) and silhouette.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("SuggestKAsync"), ResponseTimeout("00:02:00")]
    Task<KSuggestion> SuggestKAsync(int maxK);
}
