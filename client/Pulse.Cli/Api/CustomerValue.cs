namespace Pulse.Cli.Api;

/// <summary>A customer's lifetime-value scores as <c>GET /api/v1/customers/{id}</c> returns them.</summary>
internal sealed record CustomerValue(
    int ModelVersion,
    DateTimeOffset AsOf,
    double ProbabilityAlive,
    double ExpectedPurchases90Days,
    double LifetimeValue,
    double LifetimeValueLower,
    double LifetimeValueUpper,
    int Months,
    double MonthlyDiscountRate);
