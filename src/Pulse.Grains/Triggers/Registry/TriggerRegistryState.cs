using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Registry;

/// <summary>The trigger registry's persisted state: its version and every rule, in id order.</summary>
/// <remarks>The list is replaced, never changed in place, on each save or delete: a set handed out by <see cref="TriggerRegistryGrain.GetRuleSetAsync"/> stays as it was.</remarks>
[GenerateSerializer, Alias("pulse.TriggerRegistryState")]
public sealed class TriggerRegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<TriggerRuleEntry> Rules { get; set; } = [];
}
