using System.Text.Json.Nodes;

namespace Pulse.Analytics.Learning;

/// <summary>What a model artifact is and where it came from.</summary>
/// <param name="Format">The artifact layout's version (<see cref="CurrentFormat"/>).</param>
/// <param name="Kind">Which model: <c>sentiment</c> or <c>churn</c>.</param>
/// <param name="Trainer">The learning algorithm and its settings, in words.</param>
/// <param name="Seed">The random seed training used; the same data and seed give the same model.</param>
/// <param name="TrainedAt">When training finished.</param>
/// <param name="Data">The data it learned from: a description, its fingerprint and its size.</param>
/// <param name="Metrics">Held-out measures by name (<c>accuracy</c>, <c>auc</c>, ...).</param>
/// <param name="Details">What the kind needs to use the model (feature layout, explanation tables).</param>
public sealed record ModelManifest(
    int Format,
    string Kind,
    string Trainer,
    int Seed,
    DateTimeOffset TrainedAt,
    TrainingData Data,
    IReadOnlyDictionary<string, double> Metrics,
    JsonObject? Details)
{
    public const int CurrentFormat = 1;
}
