namespace Pulse.Contracts.Triggers;

/// <summary>
/// The live feed of firings, for the UI and any listener: everything the outbox stored, in the order it was
/// stored, from after a cursor (null: from now on). The process serving the API provides it.
/// </summary>
public interface ITriggerFeed
{
    /// <summary>
    /// Firings stored after <paramref name="after"/> (first those already stored, then as they come) until
    /// cancelled. A listener too slow to keep up loses the oldest it has not read, never the feed's order.
    /// </summary>
    IAsyncEnumerable<TriggerFeedItem> FollowAsync(FeedCursor? after, CancellationToken cancellationToken);
}
