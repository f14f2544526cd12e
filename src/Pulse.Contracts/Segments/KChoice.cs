namespace Pulse.Contracts.Segments;

/// <summary>One candidate number of segments: batch k-means inertia on the model's sample and the mean silhouette.</summary>
[GenerateSerializer, Immutable, Alias("pulse.KChoice")]
public sealed record KChoice(
    [property: Id(0)] int K,
    [property: Id(1)] double Inertia,
    [property: Id(2)] double Silhouette);
