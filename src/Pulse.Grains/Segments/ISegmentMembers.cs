using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>
/// Who is in which segment, outside any grain: silos write their customers' latest assignments in
/// batches, and the API pages and counts segments from here. In memory in the local profile, a table
/// on PostgreSQL.
/// </summary>
public interface ISegmentMembers
{
    /// <summary>Records the latest assignment of each customer; an older assignment never overwrites a newer one.</summary>
    Task RecordAsync(IReadOnlyCollection<SegmentMembership> assignments, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> members of a segment after the customer id <paramref name="after"/>, in id order.</summary>
    Task<IReadOnlyList<SegmentMembership>> PageAsync(int segment, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Members per segment.</summary>
    Task<IReadOnlyDictionary<int, long>> CountsAsync(CancellationToken cancellationToken = default);
}
