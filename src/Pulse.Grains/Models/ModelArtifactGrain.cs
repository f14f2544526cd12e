using Orleans.Runtime;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>Holds one published version's artifact, apart from the registry's list so a publish writes one artifact, not all.</summary>
public sealed class ModelArtifactGrain(
    [PersistentState("artifact", PulseStorage.Models)] IPersistentState<ModelArtifactState> state) : Grain, IModelArtifactGrain
{
    public Task<byte[]?> GetAsync() => Task.FromResult(state.State.Bytes.Length == 0 ? null : state.State.Bytes);

    public async Task PutAsync(byte[] artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        state.State.Bytes = artifact;
        await state.WriteStateAsync();
    }

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
