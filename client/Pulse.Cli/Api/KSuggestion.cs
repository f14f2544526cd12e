namespace Pulse.Cli.Api;

/// <summary><c>GET /api/v1/segments/suggest-k</c>: inertia and silhouette for k = 2..max, the k at the elbow and the k of the best silhouette.</summary>
internal sealed record KSuggestion(IReadOnlyList<KChoice>? Choices, int Elbow, int BestSilhouette, int SampledCustomers);
