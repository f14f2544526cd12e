using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Churn;

/// <summary>The outcome of a churn training: the artifact and its held-out measures.</summary>
public sealed record ChurnTraining(ModelArtifact Artifact, ChurnMetrics Metrics);
