using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>The registry's persisted state: the published versions, newest last (lifetime-value fits or learned models, by key).</summary>
[GenerateSerializer, Alias("pulse.ModelRegistryState")]
public sealed class ModelRegistryState
{
    [Id(0)] public List<ClvModel> ClvVersions { get; set; } = [];

    [Id(1)] public List<PublishedModel> Versions { get; set; } = [];
}
