namespace Pulse.Contracts.Models;

/// <summary>
/// The one place models are published: every version with its parameters, diagnostics and lineage,
/// persisted. Silos cache the latest version and poll only its number; customers read the cache.
/// Key: <see cref="ModelNames"/>.
/// </summary>
[Alias("pulse.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>The latest version number (0 when nothing is published).</summary>
    [Orleans.Concurrency.ReadOnly, Alias("GetVersionAsync")]
    Task<int> GetVersionAsync();

    [Orleans.Concurrency.ReadOnly, Alias("GetLatestClvAsync")]
    Task<ClvModel?> GetLatestClvAsync();

    /// <summary>Published versions, newest first.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("GetClvHistoryAsync")]
    Task<IReadOnlyList<ClvModel>> GetClvHistoryAsync();

    /// <summary>Publishes a fit as the next version (the version given is ignored) and returns it as published.</summary>
    [Alias("PublishClvAsync")]
    Task<ClvModel> PublishClvAsync(ClvModel model);
}
