namespace Pulse.Analytics.Triggers;

/// <summary>
/// A condition of a rule. The set is closed (the constructor is not visible outside this assembly): rules
/// are data, never code, so a rule can only ask what these types can ask.
/// </summary>
public abstract record TriggerCondition
{
    private protected TriggerCondition()
    {
    }
}
