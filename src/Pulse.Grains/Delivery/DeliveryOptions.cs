namespace Pulse.Grains.Delivery;

/// <summary>How the log is delivered to customers, from <c>Pulse:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Most interactions read from a partition at once.</summary>
    public int PageSize { get; set; } = 2_000;

    /// <summary>
    /// How soon a partition is read again after a read that found something. On PostgreSQL each read
    /// is a query: 20 ms keeps eight partitions at 400 queries a second under load, each returning a
    /// useful page (5 ms made four times the queries and raised the acknowledgement tail, see
    /// docs/benchmarks.md). The local profile's in-memory log is read every 5 ms.
    /// </summary>
    public TimeSpan BusyPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest wait between reads of an idle partition; the wait doubles up to it.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the delivery cursor is written while delivering (and always on deactivation).</summary>
    public TimeSpan CursorSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo makes sure every partition's delivery is running.</summary>
    public TimeSpan KeeperInterval { get; set; } = TimeSpan.FromSeconds(2);
}
