namespace Pulse.Cli.Api;

/// <summary>A published lifetime-value model as <c>/api/v1/models/clv</c> returns it.</summary>
internal sealed record PublishedClvModel(
    int Version,
    DateOnly AsOf,
    double PeriodDays,
    long Customers,
    int DistinctTriples,
    FittedModel BgNbd,
    FittedModel GammaGamma,
    FittedModel? ParetoNbd,
    string RequestedBy,
    DateTimeOffset FittedAt,
    TimeSpan FitDuration);
