using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Tests.Cluster;

/// <summary>Builders for test interactions, and the way in.</summary>
public static class Interactions
{
    public static Interaction Make(string customerId, string eventId, DateTimeOffset at, InteractionKind kind = InteractionKind.PageView, Channel channel = Channel.Web, decimal? amount = null) =>
        new(eventId, customerId, at, channel, kind, amount ?? (InteractionRules.RequiresAmount(kind) ? 10m : null));

    /// <summary>A varied history: page views, purchases on a few days (some the same day), calls, a refund.</summary>
    public static List<Interaction> History(string customerId, int count, int seed)
    {
        var random = new Random(seed);
        var kinds = new[] { InteractionKind.PageView, InteractionKind.Purchase, InteractionKind.Call, InteractionKind.Chat, InteractionKind.Refund, InteractionKind.Complaint };
        var channels = Enum.GetValues<Channel>();
        return Enumerable.Range(0, count)
            .Select(i =>
            {
                var kind = kinds[random.Next(kinds.Length)];
                return new Interaction(
                    $"{customerId}-e{i}",
                    customerId,
                    PulseTestCluster.Start.AddDays(-random.Next(0, 120)).AddMinutes(-random.Next(0, 1440)),
                    channels[random.Next(channels.Length)],
                    kind,
                    InteractionRules.RequiresAmount(kind) ? Math.Round((decimal)(random.NextDouble() * 200), 2) : null);
            })
            .ToList();
    }

    /// <summary>Sends interactions in through the ingest grain (into the log; delivery follows), as a client without a log of its own does.</summary>
    public static async Task<IngestReceipt> IngestAsync(this IClusterClient client, IEnumerable<Interaction> interactions) =>
        await client.GetGrain<IInteractionIngestGrain>(0).AcceptAsync(interactions.ToList());
}
