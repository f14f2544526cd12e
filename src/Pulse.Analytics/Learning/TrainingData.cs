namespace Pulse.Analytics.Learning;

/// <summary>The data a model was trained on.</summary>
/// <param name="Description">In words: a path, a log range, cut-offs.</param>
/// <param name="Sha256">Fingerprint of the rows as read, so two trainings can be shown to have seen the same data.</param>
/// <param name="TrainingRows">Rows the model learned from.</param>
/// <param name="HoldoutRows">Rows held out to measure it.</param>
public sealed record TrainingData(string Description, string Sha256, int TrainingRows, int HoldoutRows);
