namespace Pulse.Cli.Api;

/// <summary>One model in <c>GET /api/v1/models</c>: its latest version (0 before the first) and that version's measures.</summary>
internal sealed record ModelListing(
    string Name,
    int Version,
    string Description,
    DateTimeOffset? PublishedAt,
    string? RequestedBy,
    IReadOnlyDictionary<string, double>? Metrics);
