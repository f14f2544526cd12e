namespace Pulse.Contracts.Models;

/// <summary>
/// A published lifetime-value model: BG/NBD for purchase counts, Gamma-Gamma for spend, and the
/// Pareto/NBD fitted on the same data for comparison; with its version, the data it was fitted on
/// and who asked for it.
/// </summary>
/// <param name="Version">Increases by one with every publication.</param>
/// <param name="AsOf">The population as it stood at the end of this day (event time).</param>
/// <param name="PeriodDays">The models' time unit in days (7: weeks).</param>
/// <param name="Customers">Customers with at least one purchase by <paramref name="AsOf"/>.</param>
/// <param name="DistinctTriples">Distinct (frequency, recency, T) among them: the terms the fit evaluated.</param>
[GenerateSerializer, Immutable, Alias("pulse.ClvModel")]
public sealed record ClvModel(
    [property: Id(0)] int Version,
    [property: Id(1)] DateOnly AsOf,
    [property: Id(2)] double PeriodDays,
    [property: Id(3)] long Customers,
    [property: Id(4)] int DistinctTriples,
    [property: Id(5)] FittedParameters BgNbd,
    [property: Id(6)] FittedParameters GammaGamma,
    [property: Id(7)] FittedParameters? ParetoNbd,
    [property: Id(8)] string RequestedBy,
    [property: Id(9)] DateTimeOffset FittedAt,
    [property: Id(10)] TimeSpan FitDuration);
