namespace Pulse.Grains.InteractionLog;

/// <summary>
/// How far delivery has read one partition of the log. On PostgreSQL rows are read in the order of
/// the transaction that wrote them, then position: positions are drawn when a row is inserted but
/// become visible when its transaction commits, so position order alone would skip a row committed
/// late. The in-memory log commits in position order and leaves <see cref="Transaction"/> at zero.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.LogCursor")]
public readonly record struct LogCursor([property: Id(0)] long Transaction, [property: Id(1)] long Position) : IComparable<LogCursor>
{
    public static LogCursor Start => default;

    /// <summary>Commit order: by transaction, then position.</summary>
    public int CompareTo(LogCursor other) =>
        Transaction != other.Transaction ? Transaction.CompareTo(other.Transaction) : Position.CompareTo(other.Position);
}
