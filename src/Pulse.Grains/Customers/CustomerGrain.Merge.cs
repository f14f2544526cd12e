using Microsoft.Extensions.Logging;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>Merge and unmerge (docs/identity.md): the survivor rebuilds from every id it holds; the absorbed customer forwards.</summary>
public sealed partial class CustomerGrain
{
    public async Task MergeAsync(string absorbedId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(absorbedId);
        var id = this.GetPrimaryKeyString();
        if (absorbedId == id)
        {
            throw new ArgumentException($"A customer cannot be merged into itself ({id}).", nameof(absorbedId));
        }

        // A survivor is always the end of a forwarding chain, so merges cannot make a cycle.
        if (checkpoint.State.AbsorbedInto is { } into)
        {
            throw new ArgumentException($"The survivor {id} is itself absorbed into {into}; merge into {into} instead.", "survivorId");
        }

        // A retried merge: already done (and calling the absorbed customer now could wait on its forwarding to us).
        if (checkpoint.State.AbsorbedIds.Contains(absorbedId))
        {
            return;
        }

        // The absorbed customer persists its forwarding first: if this grain fails before it persists its own
        // set, a retry finds the forwarding already there (idempotent for the same survivor) and completes.
        await GrainFactory.GetGrain<ICustomerInbox>(absorbedId).AbsorbIntoAsync(id, reason);
        checkpoint.State.AbsorbedIds.Add(absorbedId);
        await RebuildAsync();
        LogMerged(id, absorbedId, reason);
    }

    public async Task UnmergeAsync(string absorbedId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(absorbedId);
        var id = this.GetPrimaryKeyString();
        if (!checkpoint.State.AbsorbedIds.Contains(absorbedId))
        {
            throw new ArgumentException($"{absorbedId} is not merged into {id}.", nameof(absorbedId));
        }

        // The absorbed customer stops forwarding before this one forgets it, so no event of its is forwarded
        // into a survivor that no longer replays its log (one in flight is refused by DeliverAsync's id check).
        await GrainFactory.GetGrain<ICustomerInbox>(absorbedId).ReleaseAsync(id);
        checkpoint.State.AbsorbedIds.Remove(absorbedId);
        await RebuildAsync();
        LogUnmerged(id, absorbedId);
    }

    public Task<string?> GetAbsorbedIntoAsync() => Task.FromResult(checkpoint.State.AbsorbedInto);

    public Task<IReadOnlyList<string>> GetAbsorbedIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. checkpoint.State.AbsorbedIds]);

    public async Task AbsorbIntoAsync(string survivorId, string reason)
    {
        var id = this.GetPrimaryKeyString();
        if (checkpoint.State.AbsorbedInto is { } into)
        {
            if (into == survivorId)
            {
                return;
            }

            throw new ArgumentException($"{id} is already absorbed into {into}.", "absorbedId");
        }

        // Following chains (absorbing a survivor with its absorbed customers) is not built yet: refused, not half-done.
        if (checkpoint.State.AbsorbedIds.Count > 0)
        {
            throw new ArgumentException($"{id} has customers merged into it ({string.Join(", ", checkpoint.State.AbsorbedIds)}); unmerge them first.", "absorbedId");
        }

        checkpoint.State.AbsorbedInto = survivorId;

        // The scores, segment and features are the survivor's to tell now. Trigger states stay: they record
        // which firings (and sequence numbers, so idempotency keys) this id has already sent, for an unmerge.
        _features = new CustomerFeatures();
        (_storedValue, _storedChurn, _segment, _lastSegmentContribution, _reportedToGraph, _purchasedSinceScored) = (null, null, null, null, null, false);
        _causes.Clear();
        _triggerTimer?.Dispose();
        (_triggerTimer, _triggerDue) = (null, null);
        _dirty = true;
        await CheckpointAsync(CancellationToken.None);
        NotifyWatchers();
        LogAbsorbed(id, survivorId, reason);
    }

    public async Task ReleaseAsync(string survivorId)
    {
        if (checkpoint.State.AbsorbedInto != survivorId)
        {
            return;
        }

        // Cleared before the first await: this call interleaves with a forwarding delivery (see the interface),
        // and deliveries after it apply here again.
        checkpoint.State.AbsorbedInto = null;
        await RebuildAsync();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{AbsorbedId} merged into {SurvivorId}: {Reason}")]
    private partial void LogMerged(string survivorId, string absorbedId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AbsorbedId} unmerged from {SurvivorId}")]
    private partial void LogUnmerged(string survivorId, string absorbedId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CustomerId} absorbed into {SurvivorId}: {Reason}")]
    private partial void LogAbsorbed(string customerId, string survivorId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CustomerId} rebuilt from {Count} interactions of its own log and {Absorbed} absorbed customers' logs")]
    private partial void LogRebuilt(string customerId, int count, int absorbed);
}
