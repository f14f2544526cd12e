namespace Pulse.Grains.Delivery;

/// <summary>
/// Cluster-internal: delivers one partition of the interaction log (the key is the partition) to its
/// customers, in commit order, from a cursor it keeps in the log's store.
/// </summary>
[Alias("pulse.IInteractionDeliveryGrain")]
public interface IInteractionDeliveryGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the partition's delivery if it is not running (after a silo left, it moves to another).</summary>
    [Alias("WakeAsync")]
    Task WakeAsync();

    /// <summary>
    /// Where delivery stands now: everything up to it has been handed on, what follows will be. Interleaves:
    /// a graph shard asks while it starts, and delivery may be waiting on that very shard.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("GetCursorAsync")]
    Task<InteractionLog.LogCursor> GetCursorAsync();
}
