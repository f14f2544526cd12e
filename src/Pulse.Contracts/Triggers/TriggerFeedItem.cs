namespace Pulse.Contracts.Triggers;

/// <summary>A firing on the live feed, with its place in the feed (resume after it with <c>Last-Event-ID</c>).</summary>
public sealed record TriggerFeedItem(FeedCursor Cursor, FiredTrigger Firing);
