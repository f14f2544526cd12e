using Pulse.Contracts.Interactions;

namespace Pulse.Contracts.Ingest;

/// <summary>
/// What the HTTP API hands valid interactions to. In a silo, and in a front end on PostgreSQL, it
/// logs the batch in this process and acknowledges it once the log has it; a front end of a local
/// (in-memory) cluster asks a silo's <see cref="IInteractionIngestGrain"/>.
/// </summary>
public interface IInteractionIngest
{
    /// <summary>Returns once every interaction is in the interaction log.</summary>
    Task<IngestReceipt> AcceptAsync(IReadOnlyList<Interaction> interactions);
}
