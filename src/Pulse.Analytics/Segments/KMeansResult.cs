namespace Pulse.Analytics.Segments;

/// <summary>
/// A batch k-means solution: the centres, the inertia (sum of squared distances of the points to their
/// nearest centre), each point's centre, and the Lloyd iterations the kept restart took.
/// </summary>
public sealed record KMeansResult(Centres Centres, double Inertia, int[] Labels, int Iterations);
