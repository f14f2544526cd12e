namespace Pulse.Contracts.Customers;

/// <summary>A customer's churn risk at a moment, from churn model <paramref name="ModelVersion"/>, with the strongest reasons first.</summary>
/// <param name="Probability">Probability of churning within the model's horizon.</param>
/// <param name="Reasons">The three inputs that moved the score most, in words.</param>
[GenerateSerializer, Immutable, Alias("pulse.ChurnRisk")]
public sealed record ChurnRisk(
    [property: Id(0)] int ModelVersion,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] double Probability,
    [property: Id(3)] IReadOnlyList<ChurnRiskReason> Reasons);
