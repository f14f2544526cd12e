namespace Pulse.Contracts.Models;

/// <summary>
/// One published version of a learned model (sentiment, churn) as the registry lists it: what it is,
/// how and on what it was trained, how well it did on held-out data, and the artifact's fingerprint.
/// </summary>
/// <param name="Name">The registry key: <c>sentiment</c>, <c>churn</c>.</param>
/// <param name="Version">Increases by one with every publication.</param>
/// <param name="Trainer">The learning algorithm and its settings, in words.</param>
/// <param name="Seed">The seed training used.</param>
/// <param name="TrainedAt">When training finished.</param>
/// <param name="PublishedAt">When the registry published it.</param>
/// <param name="RequestedBy">Who asked: a user, <c>schedule</c>, <c>shipped with Pulse</c>.</param>
/// <param name="Data">The training data in words (a path, a log range with cut-offs).</param>
/// <param name="DataSha256">Fingerprint of the rows training read.</param>
/// <param name="TrainingRows">Rows it learned from.</param>
/// <param name="HoldoutRows">Rows it was measured on.</param>
/// <param name="Metrics">Held-out measures by name (<c>accuracy</c>, <c>macro-f1</c>, <c>auc</c>, <c>pr-auc</c>, <c>brier</c>).</param>
/// <param name="ArtifactSha256">Fingerprint of the artifact as published.</param>
/// <param name="ArtifactBytes">The artifact's size.</param>
[GenerateSerializer, Immutable, Alias("pulse.PublishedModel")]
public sealed record PublishedModel(
    [property: Id(0)] string Name,
    [property: Id(1)] int Version,
    [property: Id(2)] string Trainer,
    [property: Id(3)] int Seed,
    [property: Id(4)] DateTimeOffset TrainedAt,
    [property: Id(5)] DateTimeOffset PublishedAt,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] string Data,
    [property: Id(8)] string DataSha256,
    [property: Id(9)] int TrainingRows,
    [property: Id(10)] int HoldoutRows,
    [property: Id(11)] IReadOnlyDictionary<string, double> Metrics,
    [property: Id(12)] string ArtifactSha256,
    [property: Id(13)] long ArtifactBytes);
