namespace Pulse.Contracts.Triggers;

/// <summary>One thing wrong with a submitted rule: the JSON path of the field (<c>when.all[1].rearmBelow</c>; <c>$</c> for the whole) and what is wrong.</summary>
[GenerateSerializer, Immutable, Alias("pulse.TriggerRuleProblem")]
public sealed record TriggerRuleProblem(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message);
