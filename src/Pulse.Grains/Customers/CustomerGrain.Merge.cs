using Microsoft.Extensions.Logging;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Merges;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Customers;

/// <summary>Merge and unmerge (docs/identity.md): the survivor rebuilds from every id it holds; the absorbed customer forwards.</summary>
public sealed partial class CustomerGrain
{
    /// <summary>Merge records kept per customer: enough to explain its identity, bounded.</summary>
    public const int MergesKept = 50;

    public async Task<IReadOnlyList<string>> AbsorbAsync(string absorbedId, MergeRecord record)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(absorbedId);
        ArgumentNullException.ThrowIfNull(record);
        var id = this.GetPrimaryKeyString();
        var state = checkpoint.State;
        if (absorbedId == id)
        {
            throw new ArgumentException($"absorbedId: a customer cannot be merged into itself ({id}).", nameof(absorbedId));
        }

        // A survivor is always the end of a forwarding chain, so merges cannot make a cycle.
        if (state.AbsorbedInto is { } into)
        {
            throw new ArgumentException($"survivorId: {id} is itself merged into {into}; merge into {into} instead.", "survivorId");
        }

        // A retried merge: already done (and calling the absorbed customer now could wait on its forwarding to us).
        if (state.AbsorbedIds.Contains(absorbedId))
        {
            return [.. state.AbsorbedIds];
        }

        // The absorbed customer persists its forwarding first: if this grain fails before it persists its own
        // set, a retry finds the forwarding already there (idempotent for the same survivor) and completes. It
        // brings the customers merged into it, which keep forwarding to it (and so, through it, here).
        var group = await GrainFactory.GetGrain<ICustomerInbox>(absorbedId).AbsorbIntoAsync(id, record);
        state.AbsorbedIds.Add(absorbedId);
        foreach (var member in group)
        {
            if (member != id && !state.AbsorbedIds.Contains(member))
            {
                state.AbsorbedIds.Add(member);
                state.AbsorbedVia[member] = absorbedId;
            }
        }

        Remember(record);
        await RebuildAsync();
        LogMerged(id, absorbedId, group.Count, record.MergeId);
        return [.. state.AbsorbedIds];
    }

    public async Task<IReadOnlyList<string>> ReleaseAbsorbedAsync(string absorbedId, MergeRecord record)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(absorbedId);
        ArgumentNullException.ThrowIfNull(record);
        var id = this.GetPrimaryKeyString();
        var state = checkpoint.State;
        if (!state.AbsorbedIds.Contains(absorbedId))
        {
            throw new ArgumentException($"absorbedId: {absorbedId} is not merged into {id}.", nameof(absorbedId));
        }

        if (state.AbsorbedVia.TryGetValue(absorbedId, out var via))
        {
            throw new ArgumentException($"absorbedId: {absorbedId} came into {id} with {via}; unmerge {via}, or unmerge {absorbedId} from {via} once {via} is apart.", nameof(absorbedId));
        }

        // The absorbed customer stops forwarding before this one forgets it, so no event of its is forwarded
        // into a survivor that no longer replays its log (one in flight is refused by DeliverAsync's id check).
        // It takes back the customers it brought: they still forward to it.
        await GrainFactory.GetGrain<ICustomerInbox>(absorbedId).ReleaseAsync(id, record);
        var group = state.AbsorbedVia.Where(m => m.Value == absorbedId).Select(m => m.Key).ToList();
        state.AbsorbedIds.Remove(absorbedId);
        foreach (var member in group)
        {
            state.AbsorbedIds.Remove(member);
            state.AbsorbedVia.Remove(member);
        }

        Remember(record);
        await RebuildAsync();
        LogUnmerged(id, absorbedId, group.Count);
        return [.. state.AbsorbedIds];
    }

    public Task<string?> GetAbsorbedIntoAsync() => Task.FromResult(checkpoint.State.AbsorbedInto);

    public Task<IReadOnlyList<string>> GetAbsorbedIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. checkpoint.State.AbsorbedIds]);

    public Task<IReadOnlyList<MergeRecord>> GetMergesAsync() => Task.FromResult<IReadOnlyList<MergeRecord>>([.. checkpoint.State.Merges]);

    public async Task<IReadOnlyList<string>> AbsorbIntoAsync(string survivorId, MergeRecord record)
    {
        var id = this.GetPrimaryKeyString();
        var state = checkpoint.State;
        if (state.AbsorbedInto is { } into)
        {
            if (into == survivorId)
            {
                return [.. state.AbsorbedIds];
            }

            throw new ArgumentException($"absorbedId: {id} is already merged into {into}.", "absorbedId");
        }

        if (survivorId == id || state.AbsorbedIds.Contains(survivorId))
        {
            throw new ArgumentException($"absorbedId: {id} holds {survivorId}'s history; it cannot be merged into it.", "absorbedId");
        }

        state.AbsorbedInto = survivorId;

        // The scores, segment and features are the survivor's to tell now. The ids merged into this customer stay
        // listed (frozen) so an unmerge gives them back. Trigger states stay: they record which firings (and
        // sequence numbers, so idempotency keys) this id has already sent, for an unmerge.
        // It leaves its segment's members: the survivor is placed for both.
        if (_segment is { } segment)
        {
            var now = runtime.TimeProvider.GetUtcNow();
            segmentAggregator.Place(new SegmentMembership(id, SegmentMembership.NoSegment, 0, segment.ModelVersion, now, now));
        }

        _features = new CustomerFeatures();
        (_storedValue, _storedChurn, _segment, _lastSegmentContribution, _reportedToGraph, _purchasedSinceScored) = (null, null, null, null, null, false);
        _causes.Clear();
        _triggerTimer?.Dispose();
        (_triggerTimer, _triggerDue) = (null, null);
        Remember(record);
        _dirty = true;
        await CheckpointAsync(CancellationToken.None);
        NotifyWatchers();
        LogAbsorbed(id, survivorId, record.MergeId);
        return [.. state.AbsorbedIds];
    }

    public async Task ReleaseAsync(string survivorId, MergeRecord record)
    {
        if (checkpoint.State.AbsorbedInto != survivorId)
        {
            return;
        }

        // Cleared before the first await: this call interleaves with a forwarding delivery (see the interface),
        // and deliveries after it apply here again.
        checkpoint.State.AbsorbedInto = null;
        Remember(record);
        await RebuildAsync();
    }

    private void Remember(MergeRecord record)
    {
        var merges = checkpoint.State.Merges;
        merges.Add(record);
        if (merges.Count > MergesKept)
        {
            merges.RemoveRange(0, merges.Count - MergesKept);
        }
    }

    /// <summary>
    /// Resets this customer to a new one and replays its own log and those of the customers merged into it, in log
    /// position order, then re-scores and checkpoints. Trigger states are not reset (see docs/identity.md): they are
    /// the memory of firings already sent, and a firing's idempotency key is (rule, version, customer, sequence).
    /// Restarting the sequence would give later genuine firings the keys of old ones, which the outbox would drop;
    /// re-arming would re-send what was sent. The replayed events add no trigger causes either: they are not news,
    /// and an event-kind rule would otherwise fire on an old event. The re-score evaluates the rules once, on the
    /// rebuilt facts, as a timer would.
    /// </summary>
    private async Task RebuildAsync()
    {
        var id = this.GetPrimaryKeyString();
        _features = new CustomerFeatures();
        (_storedValue, _storedChurn, _lastSegmentContribution, _reportedToGraph, _purchasedSinceScored) = (null, null, null, null, false);
        var applied = 0;
        await foreach (var interaction in ReadLogsAsync(0, CancellationToken.None))
        {
            if (_features.TryApply(interaction, _withSentiment ??= WithSentiment))
            {
                applied++;
            }
        }

        _dirty = true;
        var now = runtime.TimeProvider.GetUtcNow();
        if (_features.Exists)
        {
            Rescore(now, rescoreValue: true);
        }
        else
        {
            NotifyWatchers();
        }

        await CheckpointAsync(CancellationToken.None);
        LogRebuilt(id, applied, checkpoint.State.AbsorbedIds.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{AbsorbedId} merged into {SurvivorId} with {Brought} customers of its own (merge {MergeId})")]
    private partial void LogMerged(string survivorId, string absorbedId, int brought, string mergeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AbsorbedId} unmerged from {SurvivorId} with the {Brought} customers it brought")]
    private partial void LogUnmerged(string survivorId, string absorbedId, int brought);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CustomerId} absorbed into {SurvivorId} (merge {MergeId})")]
    private partial void LogAbsorbed(string customerId, string survivorId, string mergeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CustomerId} rebuilt from {Count} interactions of its own log and {Absorbed} absorbed customers' logs")]
    private partial void LogRebuilt(string customerId, int count, int absorbed);
}
