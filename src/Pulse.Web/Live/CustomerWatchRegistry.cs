using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.Contracts.Customers;

namespace Pulse.Web.Live;

/// <summary>
/// The customers this process's browsers watch: one observer per customer however many cards show it,
/// renewed with the customer grain every 15 s (a watch lapses after two minutes; renewing often also re-registers it soon after its customer moved to another silo), dropped with the last card.
/// </summary>
public sealed partial class CustomerWatchRegistry(
    IGrainFactory grains,
    IHubContext<LiveHub> hub,
    TimeProvider time,
    ILogger<CustomerWatchRegistry> logger) : BackgroundService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, WatchedCustomer> _watched = new(StringComparer.Ordinal);

    /// <summary>Customers watched now (for tests and the operator view).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _watched.Count;
            }
        }
    }

    public async Task WatchAsync(string customerId, string connectionId)
    {
        WatchedCustomer watched;
        bool isNew;
        lock (_lock)
        {
            isNew = !_watched.TryGetValue(customerId, out watched!);
            if (isNew)
            {
                watched = new WatchedCustomer(customerId, PushAsync);
                watched.Reference = grains.CreateObjectReference<ICustomerWatcher>(watched);
                _watched[customerId] = watched;
            }

            watched.Connections.Add(connectionId);
        }

        // Watching again is harmless: the grain keeps one entry per observer.
        await grains.GetGrain<ICustomerGrain>(customerId).WatchAsync(watched.Reference!);
    }

    public Task UnwatchAsync(string customerId, string connectionId)
    {
        WatchedCustomer? dropped = null;
        lock (_lock)
        {
            if (_watched.TryGetValue(customerId, out var watched) && watched.Connections.Remove(connectionId) && watched.Connections.Count == 0)
            {
                _watched.Remove(customerId);
                dropped = watched;
            }
        }

        return dropped is null ? Task.CompletedTask : DropAsync(dropped);
    }

    public Task DisconnectedAsync(string connectionId)
    {
        List<WatchedCustomer> dropped = [];
        lock (_lock)
        {
            foreach (var watched in _watched.Values)
            {
                if (watched.Connections.Remove(connectionId) && watched.Connections.Count == 0)
                {
                    dropped.Add(watched);
                }
            }

            dropped.ForEach(w => _watched.Remove(w.CustomerId));
        }

        return Task.WhenAll(dropped.Select(DropAsync));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                WatchedCustomer[] all;
                lock (_lock)
                {
                    all = [.. _watched.Values];
                }

                foreach (var watched in all)
                {
                    try
                    {
                        await grains.GetGrain<ICustomerGrain>(watched.CustomerId).WatchAsync(watched.Reference!);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogRenewFailed(ex, watched.CustomerId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PushAsync(string customerId)
    {
        var profile = await grains.GetGrain<ICustomerGrain>(customerId).GetProfileAsync();
        if (profile is not null)
        {
            await hub.Clients.Group(LiveHub.GroupOf(customerId)).SendAsync(LiveHub.CustomerChanged, profile);
        }
    }

    private async Task DropAsync(WatchedCustomer watched)
    {
        try
        {
            await grains.GetGrain<ICustomerGrain>(watched.CustomerId).UnwatchAsync(watched.Reference!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unrenewed, the watch lapses in the grain by itself.
            LogRenewFailed(ex, watched.CustomerId);
        }

        grains.DeleteObjectReference<ICustomerWatcher>(watched.Reference!);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The live watch of a customer could not be renewed or dropped: {CustomerId}")]
    private partial void LogRenewFailed(Exception exception, string customerId);
}
