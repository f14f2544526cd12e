namespace Pulse.Cli.Api;

/// <summary>One segment in <c>GET /api/v1/segments</c>: size, description, traits (σ from the population mean), centre, live means and drift.</summary>
internal sealed record SegmentView(
    int Id,
    long Size,
    double Weight,
    string Description,
    IReadOnlyList<SegmentTraitView>? Traits,
    IReadOnlyDictionary<string, double>? Centre,
    double? MeanLifetimeValue,
    double? MeanChurnRisk,
    double? MeanSentiment,
    SegmentMovement? Drift);
