namespace Pulse.Contracts.Segments;

/// <summary>Inertia and silhouette for k = 2..max on the model's sample, with the k at the elbow and the k of the best silhouette.</summary>
[GenerateSerializer, Immutable, Alias("pulse.KSuggestion")]
public sealed record KSuggestion(
    [property: Id(0)] IReadOnlyList<KChoice> Choices,
    [property: Id(1)] int Elbow,
    [property: Id(2)] int BestSilhouette,
    [property: Id(3)] int SampledCustomers);
