namespace Pulse.Cli.Api;

/// <summary>The body of <c>POST /api/v1/models/churn/train</c>; null fields are left out and take the server's defaults.</summary>
/// <param name="Label"><c>no-purchase</c>, <c>no-interaction</c> or <c>attribute</c>.</param>
/// <param name="LastCutOff">ISO 8601 time of the last cut-off.</param>
internal sealed record ChurnTrainPayload(
    string Label,
    double? HorizonDays,
    int? CutOffs,
    double? SpacingDays,
    string? LastCutOff,
    string? LabelAttribute,
    string? PositiveValue,
    double? HoldoutShare,
    int? Seed,
    string RequestedBy);
