using Microsoft.Extensions.Logging;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Merges;
using Pulse.Grains.Customers;

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
    ILogger<CustomerMergesGrain> logger) : Grain, ICustomerMergesGrain
{
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
        if (!deterministic && (state.State.Unmerged.Remove(pair) | state.State.Unmerged.Remove(Pair(absorbed, survivor))))
        {
            await state.WriteStateAsync();
        }

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

        if (state.State.Unmerged.Add(Pair(survivorId, absorbedId)))
        {
            await state.WriteStateAsync();
        }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completed an interrupted merge of {AbsorbedId} into {SurvivorId}")]
    private partial void LogRepaired(string survivorId, string absorbedId);
}
