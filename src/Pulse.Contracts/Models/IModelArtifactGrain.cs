namespace Pulse.Contracts.Models;

/// <summary>The bytes of one published model version, written once. Key: <c>{name}/{version}</c>.</summary>
[Alias("pulse.IModelArtifactGrain")]
public interface IModelArtifactGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly, Alias("GetAsync")]
    Task<byte[]?> GetAsync();

    [Alias("PutAsync")]
    Task PutAsync(byte[] artifact);

    [Alias("ClearAsync")]
    Task ClearAsync();
}
