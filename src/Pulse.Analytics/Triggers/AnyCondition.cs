namespace Pulse.Analytics.Triggers;

/// <summary>True when at least one condition is true (JSON <c>{"any": [..]}</c>).</summary>
public sealed record AnyCondition(IReadOnlyList<TriggerCondition> Conditions) : TriggerCondition;
