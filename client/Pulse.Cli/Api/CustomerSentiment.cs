namespace Pulse.Cli.Api;

/// <summary>The tone of what a customer said lately, on [-1, 1]; a negative trend means it is falling.</summary>
internal sealed record CustomerSentiment(
    double Level,
    double MonthLevel,
    double Trend,
    double Texts30Days,
    double Last,
    DateTimeOffset LastAt);
