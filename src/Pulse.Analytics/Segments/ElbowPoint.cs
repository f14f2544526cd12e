namespace Pulse.Analytics.Segments;

/// <summary>One k of an elbow scan: the batch k-means inertia and the mean silhouette (on a sample) at that k.</summary>
public sealed record ElbowPoint(int K, double Inertia, double Silhouette);
