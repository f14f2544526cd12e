using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>
/// The record of every accepted interaction. Ingest appends before it acknowledges; delivery reads
/// each partition in commit order and hands the interactions to their customers; a customer replays
/// what follows its last checkpoint when it activates. Event ids are unique in the log.
/// </summary>
public interface IInteractionLog
{
    /// <summary>
    /// Appends a batch. New interactions get a position; an event id already in the log is a duplicate
    /// and returns the interaction as first logged (so a retried publish carries the original).
    /// </summary>
    ValueTask<IReadOnlyList<LoggedInteraction>> AppendAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="max"/> interactions of one partition after <paramref name="after"/>, in
    /// commit order; only interactions whose writers have all finished, so nothing can appear behind
    /// the returned cursor later.
    /// </summary>
    Task<LogPage> ReadPartitionAsync(int partition, LogCursor after, int max, CancellationToken cancellationToken = default);

    /// <summary>Where delivery of a partition stands (<see cref="LogCursor.Start"/> when it never ran).</summary>
    Task<LogCursor> LoadCursorAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Records where delivery of a partition stands; everything before it reached its customer.</summary>
    Task SaveCursorAsync(int partition, LogCursor cursor, CancellationToken cancellationToken = default);

    /// <summary>The purchases of one partition with an event time before <paramref name="before"/>, in no particular order (the population for a model fit).</summary>
    IAsyncEnumerable<PurchaseRecord> ReadPurchasesAsync(int partition, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// The interactions of one partition that name a counterparty, up to and including <paramref name="upTo"/>,
    /// in commit order, each with its cursor: what the relationship graph is rebuilt from.
    /// </summary>
    IAsyncEnumerable<(Interaction Interaction, LogCursor Cursor)> ReadRelationshipsAsync(int partition, LogCursor upTo, CancellationToken cancellationToken = default);

    /// <summary>A customer's interactions with a position after <paramref name="afterPosition"/>, in position order.</summary>
    IAsyncEnumerable<Interaction> ReadAsync(string customerId, long afterPosition, CancellationToken cancellationToken = default);
}
