namespace Pulse.Cli.Api;

/// <summary>A customer's churn risk as <c>GET /api/v1/customers/{id}</c> returns it, strongest reasons first.</summary>
internal sealed record ChurnRisk(
    int ModelVersion,
    DateTimeOffset AsOf,
    double Probability,
    IReadOnlyList<ChurnRiskReason>? Reasons);
