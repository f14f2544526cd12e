namespace Pulse.Cli.Api;

/// <summary>One candidate number of segments: batch k-means inertia on the model's sample and the mean silhouette.</summary>
internal sealed record KChoice(int K, double Inertia, double Silhouette);
