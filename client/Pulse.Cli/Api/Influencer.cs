namespace Pulse.Cli.Api;

/// <summary>One of the most influential customers, as <c>GET /api/v1/influencers</c> lists them.</summary>
internal sealed record Influencer(string CustomerId, double Influence, double RelativeInfluence, int Degree, string? CommunityId);
