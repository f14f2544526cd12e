namespace Pulse.Analytics.Triggers;

/// <summary>
/// The customer has not been seen for at least <see cref="Duration"/> (now − last seen ≥ duration):
/// <c>{"inactiveFor": "30d"}</c>. It becomes true with no event at all, so
/// <see cref="CompiledRuleSet.NextDue"/> tells the customer when to wake.
/// </summary>
public sealed record InactivityCondition(TimeSpan Duration) : TriggerCondition;
