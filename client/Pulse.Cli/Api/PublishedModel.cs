namespace Pulse.Cli.Api;

/// <summary>A published version of a learned model (sentiment, churn) as the registry returns it.</summary>
internal sealed record PublishedModel(
    string Name,
    int Version,
    string Trainer,
    int Seed,
    DateTimeOffset TrainedAt,
    DateTimeOffset PublishedAt,
    string RequestedBy,
    string Data,
    string DataSha256,
    int TrainingRows,
    int HoldoutRows,
    IReadOnlyDictionary<string, double>? Metrics,
    string ArtifactSha256,
    long ArtifactBytes);
