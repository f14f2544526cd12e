namespace Pulse.Analytics.Triggers;

/// <summary>
/// A named fact inside a closed range: <c>{"fact": "clv.pAlive", "between": [0.2, 0.4]}</c>, true when
/// low ≤ value ≤ high. It re-arms when the value leaves the range.
/// </summary>
public sealed record FactBetweenCondition(string Fact, double Low, double High) : TriggerCondition;
