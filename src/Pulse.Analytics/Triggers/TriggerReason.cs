namespace Pulse.Analytics.Triggers;

/// <summary>
/// One leaf condition that held when a rule fired: for <c>any</c>, only the branches that were true; under
/// <c>not</c>, the condition that was false, with its comparison negated ("not above").
/// </summary>
/// <param name="Subject">The fact's name; <c>event</c>, the attribute's name, <c>segment</c>, <c>segmentMove</c> or <c>inactiveFor</c> otherwise.</param>
/// <param name="Comparison">As the rule writes it (<c>above</c>, <c>atLeast</c>, <c>between</c>, <c>equals</c>, <c>in</c>, <c>notIn</c>, <c>is</c>, <c>moved</c>), prefixed "not " when negated.</param>
/// <param name="Value">The fact's value, for fact comparisons.</param>
/// <param name="Threshold">The threshold (the low end for <c>between</c>), for fact comparisons.</param>
/// <param name="UpperThreshold">The high end, for <c>between</c>.</param>
/// <param name="Text">In words: "churn.probability 0.74 above 0.7", "event complaint", "Contract is Month-to-month".</param>
public sealed record TriggerReason(string Subject, string Comparison, double? Value, double? Threshold, double? UpperThreshold, string Text);
