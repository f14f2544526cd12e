namespace Pulse.Contracts.Triggers;

/// <summary>Every rule the registry holds at one registry version (each silo compiles it once per version).</summary>
[GenerateSerializer, Immutable, Alias("pulse.TriggerRuleSet")]
public sealed record TriggerRuleSet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<TriggerRuleEntry> Rules);
