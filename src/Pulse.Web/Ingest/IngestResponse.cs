using Pulse.Contracts.Interactions;

namespace Pulse.Web.Ingest;

/// <summary>The answer to an ingest request: what was taken, what was already there, and what was refused and why.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<InteractionError> Rejected);
