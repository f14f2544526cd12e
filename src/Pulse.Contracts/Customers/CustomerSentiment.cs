namespace Pulse.Contracts.Customers;

/// <summary>
/// The tone of what a customer said lately, each text scored on [-1, 1] and averaged with exponential
/// decay in event time.
/// </summary>
/// <param name="Level">Decayed mean with a 7-day half-life: how they sound now.</param>
/// <param name="MonthLevel">Decayed mean with a 30-day half-life: how they have sounded this month.</param>
/// <param name="Trend"><paramref name="Level"/> minus <paramref name="MonthLevel"/>: negative when the tone is falling.</param>
/// <param name="Texts30Days">Decayed count of scored texts (30-day half-life).</param>
/// <param name="Last">The score of the latest text.</param>
/// <param name="LastAt">When the latest text was said.</param>
[GenerateSerializer, Immutable, Alias("pulse.CustomerSentiment")]
public sealed record CustomerSentiment(
    [property: Id(0)] double Level,
    [property: Id(1)] double MonthLevel,
    [property: Id(2)] double Trend,
    [property: Id(3)] double Texts30Days,
    [property: Id(4)] double Last,
    [property: Id(5)] DateTimeOffset LastAt);
