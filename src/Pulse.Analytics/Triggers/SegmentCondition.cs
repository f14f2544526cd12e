namespace Pulse.Analytics.Triggers;

/// <summary>
/// The customer's current segment is (or is not) one of <see cref="Ids"/>:
/// <c>{"segment": "in", "ids": [2, 3]}</c>, <c>{"segment": "notIn", "ids": [0]}</c>. Unknown before the
/// customer is first placed.
/// </summary>
public sealed record SegmentCondition(SegmentMembership Membership, IReadOnlyList<int> Ids) : TriggerCondition;
