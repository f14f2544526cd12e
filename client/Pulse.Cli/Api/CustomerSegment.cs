namespace Pulse.Cli.Api;

/// <summary>The segment a customer is in as <c>GET /api/v1/customers/{id}</c> returns it; <see cref="Previous"/> is set when they moved.</summary>
internal sealed record CustomerSegment(
    int Segment,
    double Distance,
    long ModelVersion,
    DateTimeOffset Since,
    int? Previous);
