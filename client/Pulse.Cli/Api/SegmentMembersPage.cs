namespace Pulse.Cli.Api;

/// <summary>A page of <c>GET /api/v1/segments/{id}/customers</c> in id order; <see cref="Next"/> is the <c>after</c> of the next page (null at the end).</summary>
internal sealed record SegmentMembersPage(int Segment, IReadOnlyList<SegmentMembership>? Customers, string? Next);
