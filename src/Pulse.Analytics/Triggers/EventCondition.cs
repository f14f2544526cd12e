namespace Pulse.Analytics.Triggers;

/// <summary>
/// The interaction that caused this evaluation is of <see cref="Kind"/> (a wire name: <c>complaint</c>,
/// <c>page-view</c>): <c>{"event": "complaint"}</c>. Momentary: true only in that evaluation.
/// </summary>
public sealed record EventCondition(string Kind) : TriggerCondition;
