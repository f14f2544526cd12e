namespace Pulse.Analytics.Triggers;

/// <summary>
/// A named fact compared with a threshold: <c>{"fact": "churn.probability", "above": 0.7, "rearmBelow": 0.6}</c>.
/// </summary>
/// <param name="Fact">A name of the <see cref="FactSchema"/>: a score (<c>churn.probability</c>) or a windowed count (<c>kind.complaint.count.7d</c>).</param>
/// <param name="Rearm">
/// The hysteresis band's far edge: <c>rearmBelow</c> for <see cref="FactComparison.Above"/> and
/// <see cref="FactComparison.AtLeast"/>, <c>rearmAbove</c> for the others. After firing, the rule re-arms only
/// once the value has gone beyond it; null re-arms as soon as the comparison is false.
/// </param>
public sealed record FactCondition(string Fact, FactComparison Comparison, double Threshold, double? Rearm = null) : TriggerCondition;
