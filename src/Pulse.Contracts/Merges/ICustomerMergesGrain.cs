namespace Pulse.Contracts.Merges;

/// <summary>
/// The cluster's customer merges, one grain (key 0): every merge and unmerge, explicit or deterministic,
/// goes through it one at a time, so merges of overlapping customers converge on one survivor whatever
/// order they arrive in, and two customers never wait on each other (docs/identity.md). It decides and
/// records; the customers do the work (the survivor rebuilds from every history it holds).
/// </summary>
[Alias("pulse.ICustomerMergesGrain")]
public interface ICustomerMergesGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Joins <paramref name="absorbedId"/>'s customer into <paramref name="survivorId"/>'s. Both ids are first
    /// followed to the ends of their forwarding chains, so the merge always joins two whole customers; the
    /// absorbed customer brings the customers merged into it. An explicit (not deterministic) merge naming an
    /// absorbed id as the one to absorb is refused, naming the customer that holds it. A deterministic merge of two customers that
    /// were unmerged before is refused: a person undid that join, and only a person may redo it.
    /// </summary>
    [Alias("MergeAsync")]
    Task<MergeOutcome> MergeAsync(string survivorId, string absorbedId, string reason, bool deterministic);

    /// <summary>
    /// Undoes the merge that brought <paramref name="absorbedId"/> into <paramref name="survivorId"/>: the absorbed
    /// customer, with the customers it brought, becomes what it was before the merge, and the survivor is rebuilt
    /// without them.
    /// </summary>
    [Alias("UnmergeAsync")]
    Task<MergeOutcome> UnmergeAsync(string survivorId, string absorbedId, string reason);

    /// <summary>
    /// Every absorbed id and the customer that holds its history now (the end of its chain): what the relationship
    /// graph translates ids through. Interleaves: a graph shard that a merge restarted asks while the merge waits.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("GetForwardingAsync")]
    Task<IReadOnlyDictionary<string, string>> GetForwardingAsync();
}
