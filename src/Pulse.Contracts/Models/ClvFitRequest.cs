namespace Pulse.Contracts.Models;

/// <summary>Fit the lifetime-value models on the population as of <paramref name="AsOf"/> (default: today), in periods of <paramref name="PeriodDays"/> days.</summary>
[GenerateSerializer, Immutable, Alias("pulse.ClvFitRequest")]
public sealed record ClvFitRequest(
    [property: Id(0)] DateOnly? AsOf,
    [property: Id(1)] double PeriodDays,
    [property: Id(2)] string RequestedBy);
