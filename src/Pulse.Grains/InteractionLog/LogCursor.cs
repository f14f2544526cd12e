namespace Pulse.Grains.InteractionLog;

/// <summary>
/// How far delivery has read one partition of the log. On PostgreSQL rows are read in the order of
/// the transaction that wrote them, then position: positions are drawn when a row is inserted but
/// become visible when its transaction commits, so position order alone would skip a row committed
/// late. The in-memory log commits in position order and leaves <see cref="Transaction"/> at zero.
/// </summary>
public readonly record struct LogCursor(long Transaction, long Position)
{
    public static LogCursor Start => default;
}
