using Orleans.Concurrency;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Ingest;

/// <summary>Ingest for Orleans clients that hold no log of their own: the silo's <see cref="InteractionIngest"/> behind a stateless worker.</summary>
[StatelessWorker]
[Reentrant]
public sealed class InteractionIngestGrain(InteractionIngest ingest) : Grain, IInteractionIngestGrain
{
    public Task<IngestReceipt> AcceptAsync(IReadOnlyList<Interaction> interactions) => ingest.AcceptAsync(interactions);
}
