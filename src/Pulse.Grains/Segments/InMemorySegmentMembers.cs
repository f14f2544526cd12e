using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>The local profile's membership: one dictionary, and a sorted set per segment for paging.</summary>
public sealed class InMemorySegmentMembers : ISegmentMembers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SegmentMembership> _byCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedSet<string>> _bySegment = [];

    public Task RecordAsync(IReadOnlyCollection<SegmentMembership> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        lock (_gate)
        {
            foreach (var assignment in assignments)
            {
                if (_byCustomer.TryGetValue(assignment.CustomerId, out var current))
                {
                    if (current.AssignedAt > assignment.AssignedAt)
                    {
                        continue;
                    }

                    _bySegment[current.Segment].Remove(current.CustomerId);
                }

                _byCustomer[assignment.CustomerId] = assignment;
                if (!_bySegment.TryGetValue(assignment.Segment, out var members))
                {
                    _bySegment[assignment.Segment] = members = new SortedSet<string>(StringComparer.Ordinal);
                }

                members.Add(assignment.CustomerId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SegmentMembership>> PageAsync(int segment, string? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_bySegment.TryGetValue(segment, out var members) || members.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<SegmentMembership>>([]);
            }

            var view = after is null ? members : members.GetViewBetween(after, members.Max!);
            return Task.FromResult<IReadOnlyList<SegmentMembership>>(
                [.. view.Where(id => after is null || string.CompareOrdinal(id, after) > 0).Take(limit).Select(id => _byCustomer[id])]);
        }
    }

    public Task<IReadOnlyDictionary<int, long>> CountsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<int, long>>(_bySegment.Where(s => s.Key >= 0 && s.Value.Count > 0).ToDictionary(s => s.Key, s => (long)s.Value.Count));
        }
    }
}
