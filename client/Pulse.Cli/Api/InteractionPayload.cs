using Pulse.Analytics.Simulation;

namespace Pulse.Cli.Api;

/// <summary>One interaction as <c>POST /api/v1/interactions</c> takes it; null fields are left out of the JSON.</summary>
internal sealed record InteractionPayload(
    string EventId,
    string CustomerId,
    DateTimeOffset Timestamp,
    string Channel,
    string Kind,
    decimal? Amount = null,
    string? Text = null,
    string? CounterpartyId = null,
    IReadOnlyDictionary<string, string>? Properties = null)
{
    public static InteractionPayload From(in SimulatedEvent e) =>
        new(e.EventId, e.CustomerId, e.Timestamp, e.Channel, e.Kind, e.Amount, e.Text, e.CounterpartyId);
}
