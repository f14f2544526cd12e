namespace Pulse.Contracts.Customers;

/// <summary>One reason behind a churn risk.</summary>
/// <param name="Feature">The model input (<c>complaints-7d</c>, an attribute's name).</param>
/// <param name="Contribution">Its credit in the model's raw score: positive raises the risk.</param>
/// <param name="Text">In words: "3 complaints in the last 7 days".</param>
[GenerateSerializer, Immutable, Alias("pulse.ChurnRiskReason")]
public sealed record ChurnRiskReason(
    [property: Id(0)] string Feature,
    [property: Id(1)] double Contribution,
    [property: Id(2)] string Text);
