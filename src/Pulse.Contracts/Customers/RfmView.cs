namespace Pulse.Contracts.Customers;

/// <summary>The RFM summary as <c>lifetimes</c> defines it, in days.</summary>
/// <param name="Frequency">Repeat purchase days (distinct purchase days minus one).</param>
/// <param name="RecencyDays">First to last purchase day.</param>
/// <param name="TDays">First purchase day to the observation day.</param>
/// <param name="MonetaryValue">Mean spend of the repeat purchase days.</param>
/// <param name="FirstPurchase">The first purchase day, if any.</param>
/// <param name="TotalSpend">All purchases, minus nothing: refunds are reported apart.</param>
/// <param name="TotalRefunds">All refunds.</param>
[GenerateSerializer, Immutable, Alias("pulse.RfmView")]
public sealed record RfmView(
    [property: Id(0)] int Frequency,
    [property: Id(1)] double RecencyDays,
    [property: Id(2)] double TDays,
    [property: Id(3)] decimal MonetaryValue,
    [property: Id(4)] DateOnly? FirstPurchase,
    [property: Id(5)] decimal TotalSpend,
    [property: Id(6)] decimal TotalRefunds);
