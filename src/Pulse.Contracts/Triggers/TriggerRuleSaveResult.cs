namespace Pulse.Contracts.Triggers;

/// <summary>What saving a rule did: the stored entry, or every problem found (nothing is stored then).</summary>
[GenerateSerializer, Immutable, Alias("pulse.TriggerRuleSaveResult")]
public sealed record TriggerRuleSaveResult(
    [property: Id(0)] TriggerRuleEntry? Saved,
    [property: Id(1)] IReadOnlyList<TriggerRuleProblem> Problems,
    [property: Id(2)] bool Created)
{
    public bool IsValid => Problems.Count == 0;
}
