using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>The registry's persisted state: the published lifetime-value versions, newest last.</summary>
[GenerateSerializer, Alias("pulse.ModelRegistryState")]
public sealed class ModelRegistryState
{
    [Id(0)] public List<ClvModel> ClvVersions { get; set; } = [];
}
