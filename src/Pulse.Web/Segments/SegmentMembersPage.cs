using Pulse.Contracts.Segments;

namespace Pulse.Web.Segments;

/// <summary>A page of a segment's customers in id order; <paramref name="Next"/> is the <c>after</c> of the next page (null at the end).</summary>
public sealed record SegmentMembersPage(int Segment, IReadOnlyList<SegmentMembership> Customers, string? Next);
