using Orleans.Concurrency;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>The membership store, for callers outside the silo.</summary>
[StatelessWorker]
public sealed class SegmentMembersGrain(ISegmentMembers members) : Grain, ISegmentMembersGrain
{
    public const int MaxPage = 1_000;

    public Task<IReadOnlyDictionary<int, long>> CountsAsync() => members.CountsAsync();

    public Task<IReadOnlyList<SegmentMembership>> PageAsync(int segment, string? after, int limit) =>
        members.PageAsync(segment, after, Math.Clamp(limit, 1, MaxPage));
}
