namespace Pulse.Analytics.Triggers;

/// <summary>True when every condition is true (JSON <c>{"all": [..]}</c>).</summary>
public sealed record AllCondition(IReadOnlyList<TriggerCondition> Conditions) : TriggerCondition;
