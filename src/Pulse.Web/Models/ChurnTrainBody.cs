namespace Pulse.Web.Models;

/// <summary>The body of <c>POST /api/v1/models/churn/train</c>; every field optional.</summary>
/// <param name="Label"><c>no-purchase</c> (default), <c>no-interaction</c> or <c>attribute</c>.</param>
/// <param name="HorizonDays">Days without a purchase (or interaction) that count as churn (default 30).</param>
/// <param name="CutOffs">Cut-offs; the last is held out (default 4).</param>
/// <param name="SpacingDays">Days between cut-offs (default: the horizon).</param>
/// <param name="LastCutOff">ISO 8601 time of the last cut-off (default: latest event minus the horizon).</param>
/// <param name="LabelAttribute">For <c>attribute</c>: the attribute that records churn (e.g. <c>Churn</c>).</param>
/// <param name="PositiveValue">For <c>attribute</c>: its value that means churned (e.g. <c>Yes</c>).</param>
/// <param name="HoldoutShare">For <c>attribute</c>: the stratified share held out (default 0.2).</param>
/// <param name="Seed">Seed of the split and the learner.</param>
/// <param name="RequestedBy">Recorded with the version.</param>
public sealed record ChurnTrainBody(
    string? Label = null,
    double? HorizonDays = null,
    int? CutOffs = null,
    double? SpacingDays = null,
    string? LastCutOff = null,
    string? LabelAttribute = null,
    string? PositiveValue = null,
    double? HoldoutShare = null,
    int? Seed = null,
    string? RequestedBy = null);
