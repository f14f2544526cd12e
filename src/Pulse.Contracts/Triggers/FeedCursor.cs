using System.Globalization;

namespace Pulse.Contracts.Triggers;

/// <summary>
/// A place in the live feed of firings: the storing transaction and the position within the store, compared in
/// that order (a transaction that commits late cannot slip behind a reader that went past it). Written
/// <c>transaction.position</c>, as the feed's event ids are.
/// </summary>
public readonly record struct FeedCursor(long Transaction, long Position) : IComparable<FeedCursor>
{
    public static FeedCursor Start => default;

    public int CompareTo(FeedCursor other) =>
        Transaction != other.Transaction ? Transaction.CompareTo(other.Transaction) : Position.CompareTo(other.Position);

    public static bool operator <(FeedCursor left, FeedCursor right) => left.CompareTo(right) < 0;

    public static bool operator >(FeedCursor left, FeedCursor right) => left.CompareTo(right) > 0;

    public static bool operator <=(FeedCursor left, FeedCursor right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FeedCursor left, FeedCursor right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Transaction}.{Position}");

    public static bool TryParse(string? text, out FeedCursor cursor)
    {
        cursor = default;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var transaction)
            || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return false;
        }

        cursor = new FeedCursor(transaction, position);
        return true;
    }
}
