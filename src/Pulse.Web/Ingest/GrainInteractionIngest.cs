using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Ingest;

/// <summary>Ingest through a silo, for a front end that holds no log of its own (a local-profile cluster keeps its log in the silo).</summary>
internal sealed class GrainInteractionIngest(IGrainFactory grains) : IInteractionIngest
{
    public Task<IngestReceipt> AcceptAsync(IReadOnlyList<Interaction> interactions) =>
        grains.GetGrain<IInteractionIngestGrain>(0).AcceptAsync(interactions);
}
