namespace Pulse.Analytics.Churn;

/// <summary>One reason behind a churn risk.</summary>
/// <param name="Feature">The input (<c>complaints-7d</c>, or an attribute's name).</param>
/// <param name="Contribution">Its credit in the model's raw score (log-odds-like): positive raises the risk.</param>
/// <param name="Text">In words: "3 complaints in the last 7 days", "Contract is Month-to-month".</param>
public sealed record ChurnReason(string Feature, double Contribution, string Text);
