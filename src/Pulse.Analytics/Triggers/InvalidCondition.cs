namespace Pulse.Analytics.Triggers;

/// <summary>
/// Stands where the JSON held a condition that could not be read, so the conditions after it keep their
/// paths while the reader goes on collecting errors. Never leaves the reader: a rule with errors is not returned.
/// </summary>
internal sealed record InvalidCondition : TriggerCondition
{
    public static readonly InvalidCondition Instance = new();
}
