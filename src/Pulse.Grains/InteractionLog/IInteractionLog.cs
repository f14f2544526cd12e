using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>
/// The record of every accepted interaction. Ingest appends before it acknowledges; a customer
/// replays what follows its last checkpoint when it activates. Event ids are unique in the log.
/// </summary>
public interface IInteractionLog
{
    /// <summary>
    /// Appends a batch. New interactions get a position; an event id already in the log is a duplicate
    /// and returns the interaction as first logged (so a retried publish carries the original).
    /// </summary>
    ValueTask<IReadOnlyList<LoggedInteraction>> AppendAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default);

    /// <summary>A customer's interactions with a position after <paramref name="afterPosition"/>, in position order.</summary>
    IAsyncEnumerable<Interaction> ReadAsync(string customerId, long afterPosition, CancellationToken cancellationToken = default);
}
