using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Sentiment;

/// <summary>The outcome of a sentiment training: the artifact and its held-out measures.</summary>
public sealed record SentimentTraining(ModelArtifact Artifact, SentimentMetrics Metrics);
