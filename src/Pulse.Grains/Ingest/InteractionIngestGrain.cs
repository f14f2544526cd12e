using Orleans.Concurrency;
using Orleans.Runtime;
using Pulse.Contracts;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Ingest;

/// <summary>
/// Logs a batch, then publishes each interaction to its customer's stream. A duplicate is published
/// again too, in its first-logged form: a sender retrying after a failed publish must still reach the
/// customer, and the customer applies each event id once.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class InteractionIngestGrain(IInteractionLog log) : Grain, IInteractionIngestGrain
{
    public async Task<IngestReceipt> AcceptAsync(IReadOnlyList<Interaction> interactions)
    {
        var logged = await log.AppendAsync(interactions);
        var provider = this.GetStreamProvider(PulseStreams.ProviderName);
        var publishes = new Task[logged.Count];
        var duplicates = 0;
        for (var i = 0; i < logged.Count; i++)
        {
            var (interaction, isDuplicate) = logged[i];
            duplicates += isDuplicate ? 1 : 0;
            var stream = provider.GetStream<Interaction>(StreamId.Create(PulseStreams.Interactions, interaction.CustomerId));
            publishes[i] = stream.OnNextAsync(interaction);
        }

        await Task.WhenAll(publishes);
        return new IngestReceipt(logged.Count - duplicates, duplicates);
    }
}
