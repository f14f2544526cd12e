using Microsoft.Extensions.Logging;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Merges;
using Microsoft.Extensions.Options;
using Pulse.Grains.Customers;
using Pulse.Grains.Graph;

namespace Pulse.Grains.Merges;

/// <summary>
/// Decides merges and unmerges one at a time for the whole cluster (docs/identity.md). Serialising them here,
/// rather than in the customers, is what makes overlapping merges converge and keeps two customers from each
/// waiting on the other: only this grain starts a merge, and it waits on one survivor at a time. Merges are
/// rare beside events (a login, an agent's correction), so one grain is not a hot spot; the rebuild it waits
/// for runs in the survivor.
/// </summary>
public sealed partial class CustomerMergesGrain(
    [PersistentState("merges", PulseStorage.Customers)] IPersistentState<CustomerMergesState> state,
    TimeProvider time,
    IOptions<GraphOptions> graphOptions,
    ILogger<CustomerMergesGrain> logger) : Grain, ICustomerMergesGrain
{
    public Task<IReadOnlyDictionary<string, string>> GetForwardingAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(state.State.Forwarding, StringComparer.Ordinal));

    public async Task<MergeOutcome> MergeAsync(string survivorId, string absorbedId, string reason, bool deterministic)
    {
        if (Missing(survivorId, absorbedId) is { } missing)
        {
            return missing;
        }

        if (survivorId == absorbedId)
        {
            return Refused(survivorId, "absorbedId", "names the survivor itself; a customer cannot be merged into itself");
        }

        // Merges always join whole customers: each id stands for the end of its chain. A merge that failed half
        // way (the absorbed customer forwards, the survivor never added it) is completed first.
        var survivor = await ResolveAndRepairAsync(survivorId);
        var absorbed = await ResolveAndRepairAsync(absorbedId);
        if (survivor == absorbed)
        {
            return new(MergeStatus.AlreadyDone, survivor, await Customer(survivor).GetAbsorbedIdsAsync());
        }

        // A person naming a customer that is part of another means something else than joining the whole of it:
        // say where it is rather than move more than was asked.
        if (!deterministic && absorbed != absorbedId)
        {
            return Refused(survivor, "absorbedId", $"{absorbedId} is merged into {absorbed}; merge {absorbed}, or unmerge {absorbedId} first");
        }

        var pair = Pair(survivor, absorbed);
        if (deterministic && (state.State.Unmerged.Contains(pair) || state.State.Unmerged.Contains(Pair(absorbed, survivor))))
        {
            return Refused(survivor, "absorbedId", $"{absorbed} was unmerged from {survivor} by a person; only an explicit merge joins them again");
        }

        var record = new MergeRecord(NewMergeId(), MergeKind.Merge, survivor, absorbed, string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim(), deterministic, time.GetUtcNow());
        var absorbedIds = await Inbox(survivor).AbsorbAsync(absorbed, record);
        if (!deterministic)
        {
            state.State.Unmerged.Remove(pair);
            state.State.Unmerged.Remove(Pair(absorbed, survivor));
        }

        // Persisted before the graph hears of it: a shard that restarts meanwhile rebuilds under the new forwarding.
        var moved = absorbedIds.Where(id => state.State.Forwarding.GetValueOrDefault(id) != survivor).ToArray();
        foreach (var id in absorbedIds)
        {
            state.State.Forwarding[id] = survivor;
        }

        await state.WriteStateAsync();
        await MoveRelationshipsAsync(survivor, moved);

        LogMerge(record.MergeId, survivor, absorbed, deterministic);
        return new(MergeStatus.Done, survivor, absorbedIds, record);
    }

    public async Task<MergeOutcome> UnmergeAsync(string survivorId, string absorbedId, string reason)
    {
        if (Missing(survivorId, absorbedId) is { } missing)
        {
            return missing;
        }

        if (await Customer(survivorId).GetAbsorbedIntoAsync() is { } into)
        {
            return Refused(survivorId, "survivorId", $"{survivorId} is itself merged into {into}; unmerge it from {into} first");
        }

        var absorbedIds = await Customer(survivorId).GetAbsorbedIdsAsync();
        if (!absorbedIds.Contains(absorbedId))
        {
            return await Customer(absorbedId).GetAbsorbedIntoAsync() is null
                ? new(MergeStatus.AlreadyDone, survivorId, absorbedIds)
                : Refused(survivorId, "absorbedId", $"{absorbedId} is not merged into {survivorId}");
        }

        // The unmerge carries the id of the merge it undoes, so the two records read as a pair.
        var merges = await Customer(survivorId).GetMergesAsync();
        var undone = merges.LastOrDefault(m => m.Kind == MergeKind.Merge && m.SurvivorId == survivorId && m.AbsorbedId == absorbedId);
        var record = new MergeRecord(undone?.MergeId ?? NewMergeId(), MergeKind.Unmerge, survivorId, absorbedId, string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim(), false, time.GetUtcNow());
        IReadOnlyList<string> after;
        try
        {
            after = await Inbox(survivorId).ReleaseAbsorbedAsync(absorbedId, record);
        }
        catch (ArgumentException ex)
        {
            // It came in another customer's group: the customer says which.
            return Refused(survivorId, "absorbedId", ex.Message.Replace("absorbedId: ", "", StringComparison.Ordinal));
        }

        // The released customer holds its own group again; the graph splits the two by rebuilding from the log.
        state.State.Unmerged.Add(Pair(survivorId, absorbedId));
        state.State.Forwarding.Remove(absorbedId);
        foreach (var id in await Customer(absorbedId).GetAbsorbedIdsAsync())
        {
            state.State.Forwarding[id] = absorbedId;
        }

        await state.WriteStateAsync();
        await RestartGraphAsync();

        LogUnmerge(record.MergeId, survivorId, absorbedId);
        return new(MergeStatus.Done, survivorId, after, record);
    }

    /// <summary>
    /// The end of <paramref name="customerId"/>'s forwarding chain. On the way, a link whose survivor does not list
    /// the customer forwarding to it (the survivor failed between the two saves of a merge) is completed.
    /// </summary>
    private async Task<string> ResolveAndRepairAsync(string customerId)
    {
        var current = customerId;
        for (var step = 0; step < ForwardingChain.MaxLength; step++)
        {
            var next = await Customer(current).GetAbsorbedIntoAsync();
            if (next is null)
            {
                return current;
            }

            if (await Customer(next).GetAbsorbedIntoAsync() is null && !(await Customer(next).GetAbsorbedIdsAsync()).Contains(current))
            {
                var repair = new MergeRecord(NewMergeId(), MergeKind.Merge, next, current, "completing a merge that was interrupted", false, time.GetUtcNow());
                await Inbox(next).AbsorbAsync(current, repair);
                LogRepaired(next, current);
            }

            current = next;
        }

        throw new InvalidOperationException($"The forwarding chain from {customerId} is longer than {ForwardingChain.MaxLength} steps.");
    }

    /// <summary>
    /// Re-points the absorbed customers' relationships at the survivor in every graph shard: each shard re-points the
    /// copies it holds and answers those that shards holding none now need, which go to them next. Two rounds from
    /// here rather than shards calling each other, so a merge never waits on a shard that waits on it. If any step
    /// fails, every shard rebuilds from the log under the new forwarding instead, which is always right.
    /// </summary>
    private async Task MoveRelationshipsAsync(string survivor, string[] moved)
    {
        var graph = graphOptions.Value;
        if (!graph.Enabled || moved.Length == 0)
        {
            return;
        }

        try
        {
            var shards = Enumerable.Range(0, graph.Shards).Select(s => GrainFactory.GetGrain<IGraphShardGrain>(s)).ToArray();
            var handed = await Task.WhenAll(shards.Select(s => s.DetachAsync(survivor, moved)));
            if (!handed.Any(h => h.Changed))
            {
                // None of them was in the graph (most anonymous visitors): nothing moved, nothing to resync.
                return;
            }

            var byShard = handed.SelectMany(h => h.Moved).GroupBy(r => r.Shard);
            await Task.WhenAll(byShard.Select(g => shards[g.Key].ReceiveMovedAsync([.. g])));

            // Customers left the graph: the PageRank flows they carried are recomputed by every shard, as after a
            // shard is lost; residual still on its way to them belongs to the epoch that ends here.
            var census = GrainFactory.GetGrain<IGraphCensusGrain>(0);
            await census.RequestResyncAsync((await census.GetStatusAsync()).Epoch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGraphMoveFailed(ex, survivor);
            await RestartGraphAsync();
        }
    }

    /// <summary>Every shard rebuilds from the log under the current forwarding (an unmerge: the log knows which relationship was whose).</summary>
    private async Task RestartGraphAsync()
    {
        var graph = graphOptions.Value;
        if (!graph.Enabled)
        {
            return;
        }

        var shards = Enumerable.Range(0, graph.Shards).Select(s => GrainFactory.GetGrain<IGraphShardGrain>(s)).ToArray();
        await Task.WhenAll(shards.Select(s => s.RestartAsync()));

        // Woken at once rather than at the next relationship: the customers' networks come back now.
        await Task.WhenAll(shards.Select(s => s.GetTopAsync(1)));
    }

    private static MergeOutcome? Missing(string survivorId, string absorbedId) =>
        string.IsNullOrWhiteSpace(survivorId) ? Refused("", "survivorId", "is required")
        : string.IsNullOrWhiteSpace(absorbedId) ? Refused(survivorId, "absorbedId", "is required")
        : null;

    private static MergeOutcome Refused(string survivorId, string field, string problem) => new(MergeStatus.Refused, survivorId, [], Field: field, Problem: problem);

    private static string Pair(string survivor, string absorbed) => $"{survivor}|{absorbed}";

    private static string NewMergeId() => $"m-{Guid.NewGuid():N}";

    private ICustomerGrain Customer(string id) => GrainFactory.GetGrain<ICustomerGrain>(id);

    private ICustomerInbox Inbox(string id) => GrainFactory.GetGrain<ICustomerInbox>(id);

    // Ids only: a reason is free text a person typed, and logs carry no personal data.
    [LoggerMessage(Level = LogLevel.Information, Message = "Merge {MergeId}: {AbsorbedId} into {SurvivorId} (deterministic {Deterministic})")]
    private partial void LogMerge(string mergeId, string survivorId, string absorbedId, bool deterministic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unmerge of {MergeId}: {AbsorbedId} from {SurvivorId}")]
    private partial void LogUnmerge(string mergeId, string survivorId, string absorbedId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The graph shards could not re-point the relationships merged into {SurvivorId}; they rebuild from the log")]
    private partial void LogGraphMoveFailed(Exception exception, string survivorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completed an interrupted merge of {AbsorbedId} into {SurvivorId}")]
    private partial void LogRepaired(string survivorId, string absorbedId);
}
