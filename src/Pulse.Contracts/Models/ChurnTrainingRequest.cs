namespace Pulse.Contracts.Models;

/// <summary>
/// Train the churn model from the interaction log.
/// </summary>
/// <param name="Label">
/// What churn means: <see cref="ChurnLabel.NoPurchase"/> or <see cref="ChurnLabel.NoInteraction"/> in the
/// <paramref name="HorizonDays"/> after each cut-off, or <see cref="ChurnLabel.Attribute"/>: a CRM
/// attribute that says so (<paramref name="LabelAttribute"/> equal to <paramref name="PositiveValue"/>).
/// </param>
/// <param name="HorizonDays">How long without a purchase (or interaction) counts as churn.</param>
/// <param name="CutOffs">How many cut-offs: the last one is held out to measure the model on a later period than it learned from.</param>
/// <param name="SpacingDays">Days between cut-offs (default: the horizon).</param>
/// <param name="LastCutOff">The last cut-off (default: the latest event time minus the horizon).</param>
/// <param name="HoldoutShare">For the attribute label: the stratified share held out.</param>
/// <param name="Seed">The seed of the split and the learner.</param>
[GenerateSerializer, Immutable, Alias("pulse.ChurnTrainingRequest")]
public sealed record ChurnTrainingRequest(
    [property: Id(0)] ChurnLabel Label,
    [property: Id(1)] double HorizonDays,
    [property: Id(2)] int CutOffs,
    [property: Id(3)] double? SpacingDays,
    [property: Id(4)] DateTimeOffset? LastCutOff,
    [property: Id(5)] string? LabelAttribute,
    [property: Id(6)] string? PositiveValue,
    [property: Id(7)] double HoldoutShare,
    [property: Id(8)] int Seed,
    [property: Id(9)] string RequestedBy);
