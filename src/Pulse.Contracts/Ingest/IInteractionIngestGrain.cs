using Pulse.Contracts.Interactions;

namespace Pulse.Contracts.Ingest;

/// <summary>
/// The door every valid interaction comes in by: appends it to the interaction log, then publishes it
/// to its customer's stream. A stateless worker, so every silo has its own and none is hot.
/// </summary>
[Alias("pulse.IInteractionIngestGrain")]
public interface IInteractionIngestGrain : IGrainWithIntegerKey
{
    /// <summary>Logs the batch; returns once every interaction is in the log (delivery to the customers follows).</summary>
    [Alias("AcceptAsync")]
    Task<IngestReceipt> AcceptAsync(IReadOnlyList<Interaction> interactions);
}
