namespace Pulse.Analytics.Triggers;

/// <summary>A rule read from JSON, or every error found in it (<see cref="Rule"/> is then null).</summary>
public sealed record TriggerRuleParseResult(TriggerRule? Rule, IReadOnlyList<TriggerRuleError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
