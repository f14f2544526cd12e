namespace Pulse.Analytics.Triggers;

/// <summary>One problem with a rule: the JSON path of the field (<c>when.all[1].rearmBelow</c>, <c>$</c> for the whole) and what is wrong.</summary>
public sealed record TriggerRuleError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
