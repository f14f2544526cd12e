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

    /// <summary>The latest learned model (sentiment, churn) as listed; null when nothing is published.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("GetLatestAsync")]
    Task<PublishedModel?> GetLatestAsync();

    /// <summary>Published learned-model versions, newest first.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("GetHistoryAsync")]
    Task<IReadOnlyList<PublishedModel>> GetHistoryAsync();

    /// <summary>The artifact of a kept version; null for a version not kept.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("GetArtifactAsync")]
    Task<byte[]?> GetArtifactAsync(int version);

    /// <summary>
    /// Publishes a trained artifact as the next version, after checking it is one and of this registry's
    /// kind (<see cref="ArgumentException"/> naming the problem otherwise).
    /// </summary>
    [Alias("PublishArtifactAsync")]
    Task<PublishedModel> PublishArtifactAsync(byte[] artifact, string requestedBy);

    /// <summary>Publishes the artifact only when nothing is published yet (a model shipped with Pulse); returns the latest either way.</summary>
    [Alias("PublishIfEmptyAsync")]
    Task<PublishedModel> PublishIfEmptyAsync(byte[] artifact, string requestedBy);
}
