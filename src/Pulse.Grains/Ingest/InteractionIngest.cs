using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Ingest;

/// <summary>
/// Logs a batch and acknowledges it. Delivery to the customers reads the log behind it
/// (<see cref="Delivery.InteractionDeliveryGrain"/>), so an acknowledgement waits for the log only.
/// </summary>
public sealed class InteractionIngest(IInteractionLog log) : IInteractionIngest
{
    public async Task<IngestReceipt> AcceptAsync(IReadOnlyList<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var logged = await log.AppendAsync(interactions);
        var duplicates = 0;
        foreach (var entry in logged)
        {
            duplicates += entry.IsDuplicate ? 1 : 0;
        }

        return new IngestReceipt(logged.Count - duplicates, duplicates);
    }
}
