namespace Pulse.Contracts.Triggers;

/// <summary>
/// A trigger rule as the registry keeps it: the rule's JSON as Pulse writes it back (defaults filled in,
/// the version set), so every silo compiles exactly what was validated.
/// </summary>
/// <param name="Id">The rule id (also inside <paramref name="Json"/>).</param>
/// <param name="Version">Assigned by the registry: the registry's version when this rule last changed.</param>
/// <param name="Json">The rule, validated, in Pulse's own form.</param>
/// <param name="Enabled">False for a rule kept but not evaluated.</param>
/// <param name="UpdatedAt">When it last changed.</param>
[GenerateSerializer, Immutable, Alias("pulse.TriggerRuleEntry")]
public sealed record TriggerRuleEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] long Version,
    [property: Id(2)] string Json,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] DateTimeOffset UpdatedAt);
