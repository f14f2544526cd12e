namespace Pulse.Contracts.Customers;

/// <summary>
/// A customer's lifetime-value scores at a moment, from the published model <paramref name="ModelVersion"/>.
/// </summary>
/// <param name="ProbabilityAlive">P(alive) under BG/NBD: falls while the customer stays silent.</param>
/// <param name="ExpectedPurchases90Days">Expected repeat purchases in the next 90 days.</param>
/// <param name="LifetimeValue">Discounted value of the next <paramref name="Months"/> months (BG/NBD purchases × Gamma-Gamma spend).</param>
/// <param name="LifetimeValueLower">Lower end of its 95 % interval (parameter uncertainty, delta method).</param>
/// <param name="LifetimeValueUpper">Upper end of that interval.</param>
[GenerateSerializer, Immutable, Alias("pulse.CustomerValue")]
public sealed record CustomerValue(
    [property: Id(0)] int ModelVersion,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] double ProbabilityAlive,
    [property: Id(3)] double ExpectedPurchases90Days,
    [property: Id(4)] double LifetimeValue,
    [property: Id(5)] double LifetimeValueLower,
    [property: Id(6)] double LifetimeValueUpper,
    [property: Id(7)] int Months,
    [property: Id(8)] double MonthlyDiscountRate);
