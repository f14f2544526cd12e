using Microsoft.AspNetCore.SignalR;

namespace Pulse.Web.Live;

/// <summary>
/// <c>/hubs/live</c>: a browser watches the customers whose cards it shows and is sent
/// <c>customerChanged</c> with the new profile (the JSON of <c>GET /api/v1/customers/{id}</c>) whenever
/// one changes.
/// </summary>
public sealed class LiveHub(CustomerWatchRegistry registry) : Hub
{
    public const string Path = "/hubs/live";
    public const string CustomerChanged = "customerChanged";

    /// <summary>The SignalR group of a customer's watchers.</summary>
    public static string GroupOf(string customerId) => "customer:" + customerId;

    public async Task WatchCustomer(string customerId)
    {
        if (string.IsNullOrWhiteSpace(customerId) || customerId.Length > 256)
        {
            throw new HubException("customerId: must be 1 to 256 characters.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(customerId));
        await registry.WatchAsync(customerId, Context.ConnectionId);
    }

    public async Task UnwatchCustomer(string customerId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(customerId));
        await registry.UnwatchAsync(customerId, Context.ConnectionId);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => registry.DisconnectedAsync(Context.ConnectionId);
}
