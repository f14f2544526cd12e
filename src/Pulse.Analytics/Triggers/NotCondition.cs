namespace Pulse.Analytics.Triggers;

/// <summary>
/// True when the condition is false (JSON <c>{"not": {..}}</c>). Not of an unknown is unknown: a rule
/// never fires because a fact is missing.
/// </summary>
public sealed record NotCondition(TriggerCondition Condition) : TriggerCondition;
