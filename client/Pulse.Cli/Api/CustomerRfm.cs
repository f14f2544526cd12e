namespace Pulse.Cli.Api;

/// <summary>The RFM summary of a customer profile.</summary>
internal sealed record CustomerRfm(
    int Frequency,
    double RecencyDays,
    double TDays,
    decimal MonetaryValue,
    DateOnly? FirstPurchase,
    decimal TotalSpend);
