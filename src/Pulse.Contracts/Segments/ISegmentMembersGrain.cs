namespace Pulse.Contracts.Segments;

/// <summary>Reads the membership store for clients (the API in a front end has no store of its own). Any key; a stateless worker.</summary>
[Alias("pulse.ISegmentMembersGrain")]
public interface ISegmentMembersGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.ReadOnly, Alias("CountsAsync")]
    Task<IReadOnlyDictionary<int, long>> CountsAsync();

    [Orleans.Concurrency.ReadOnly, Alias("PageAsync")]
    Task<IReadOnlyList<SegmentMembership>> PageAsync(int segment, string? after, int limit);
}
