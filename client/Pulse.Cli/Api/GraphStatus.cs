namespace Pulse.Cli.Api;

/// <summary><c>GET /api/v1/graph/status</c>: the relationship graph as a whole.</summary>
internal sealed record GraphStatus(
    int Shards,
    int ShardsReporting,
    long Customers,
    long Arcs,
    long Epoch,
    double ErrorBound,
    int Communities,
    double? Modularity,
    DateTimeOffset? LastAnalysis);
