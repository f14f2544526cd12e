namespace Pulse.Contracts.Triggers;

/// <summary>One condition that made a rule true, with the value that made it so.</summary>
/// <param name="Subject">The fact, attribute, event or segment the condition looked at (<c>churn.probability</c>).</param>
/// <param name="Comparison">How (<c>above</c>, <c>equals</c>, <c>inactiveFor</c>, ...).</param>
/// <param name="Value">The customer's value, when a number.</param>
/// <param name="Threshold">The rule's threshold, when a number.</param>
/// <param name="UpperThreshold">The upper end of a <c>between</c>.</param>
/// <param name="Text">In words: "churn.probability 0.74 above 0.7".</param>
[GenerateSerializer, Immutable, Alias("pulse.FiredTriggerReason")]
public sealed record FiredTriggerReason(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Comparison,
    [property: Id(2)] double? Value,
    [property: Id(3)] double? Threshold,
    [property: Id(4)] double? UpperThreshold,
    [property: Id(5)] string Text);
