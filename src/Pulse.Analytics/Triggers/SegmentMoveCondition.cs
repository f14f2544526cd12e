namespace Pulse.Analytics.Triggers;

/// <summary>
/// The customer's latest segment move went from <see cref="From"/> to <see cref="To"/> (either may be
/// omitted): <c>{"segmentMove": {"from": 1, "to": 3}}</c>. It stays true until the next move, so the rule
/// fires once per move.
/// </summary>
public sealed record SegmentMoveCondition(int? From = null, int? To = null) : TriggerCondition;
