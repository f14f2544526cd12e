using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using Pulse.Contracts.Interactions;
using Pulse.Grains.Customers;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Delivery;

/// <summary>
/// Reads one partition of the interaction log in commit order and hands each customer its
/// interactions, then moves its cursor. The log is the only queue: ingest acknowledges once a batch
/// is logged, and nothing is held in memory that the log does not also hold. A customer that cannot
/// take its interactions (a silo went away mid-call, the database is down) is retried before the
/// cursor moves; a redelivered interaction is refused by id. When this grain's silo leaves, the
/// <see cref="DeliveryKeeper"/> of another silo wakes it there and it resumes from the saved cursor.
/// </summary>
[RandomPlacement]
public sealed partial class InteractionDeliveryGrain(
    IInteractionLog log,
    IGrainFactory grains,
    RelationshipDelivery relationships,
    IdentityDelivery identities,
    DeliveryLag lag,
    IOptions<DeliveryOptions> options,
    ILogger<InteractionDeliveryGrain> logger) : Grain, IInteractionDeliveryGrain
{
    private int _partition;
    private LogCursor _cursor;
    private LogCursor _saved;
    private long _lastSaveTicks;
    private TimeSpan _wait;
    private readonly CancellationTokenSource _deactivating = new();
    private Task _pump = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _partition = (int)this.GetPrimaryKeyLong();
        if (_partition is < 0 or >= LogPartitions.Count)
        {
            throw new InvalidOperationException($"There is no log partition {_partition}; partitions are 0..{LogPartitions.Count - 1}.");
        }

        _cursor = _saved = await log.LoadCursorAsync(_partition, cancellationToken);
        _lastSaveTicks = Environment.TickCount64;
        _wait = options.Value.BusyPollInterval;
        lag.CaughtUp(_partition);

        // A loop on the grain's scheduler rather than a grain timer: delivery keeps real time even
        // where grain timers follow a test's fake clock. The keeper's calls keep the grain active.
        _pump = Task.Factory.StartNew(PumpLoopAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _deactivating.CancelAsync();
        await _pump;
        lag.Stopped(_partition);
        if (_cursor != _saved)
        {
            await log.SaveCursorAsync(_partition, _cursor, cancellationToken);
        }
    }

    public Task WakeAsync() => Task.CompletedTask;

    public Task<LogCursor> GetCursorAsync() => Task.FromResult(_cursor);

    private async Task PumpLoopAsync()
    {
        var token = _deactivating.Token;
        while (!token.IsCancellationRequested)
        {
            await PumpAsync(token);
            try
            {
                await Task.Delay(_wait, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var delivered = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = await log.ReadPartitionAsync(_partition, _cursor, settings.PageSize, cancellationToken);
                if (page.Interactions.Count > 0)
                {
                    // Identifiers first: an event that joins two customers is applied to the joined customer.
                    await identities.ClaimAsync(page.Interactions, cancellationToken);
                    await Task.WhenAll(DeliverAsync(page.Interactions, cancellationToken), relationships.DeliverAsync(_partition, page, cancellationToken));
                    delivered += page.Interactions.Count;
                    _cursor = page.Next;
                }

                if (page.Interactions.Count < settings.PageSize)
                {
                    lag.CaughtUp(_partition);
                    break;
                }
            }

            if (_cursor != _saved && Environment.TickCount64 - _lastSaveTicks >= settings.CursorSaveInterval.TotalMilliseconds)
            {
                await log.SaveCursorAsync(_partition, _cursor, cancellationToken);
                (_saved, _lastSaveTicks) = (_cursor, Environment.TickCount64);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The database is unreachable or a customer keeps failing: try again on a later round,
            // from the same cursor.
            LogPumpFailed(ex, _partition);
        }

        // Read again soon while there is traffic; back off, doubling, while the partition is idle.
        _wait = delivered > 0 ? settings.BusyPollInterval : TimeSpan.FromTicks(Math.Min(_wait.Ticks * 2, settings.IdlePollInterval.Ticks));
    }

    private async Task DeliverAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        var byCustomer = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        foreach (var interaction in interactions)
        {
            if (!byCustomer.TryGetValue(interaction.CustomerId, out var list))
            {
                byCustomer[interaction.CustomerId] = list = new List<Interaction>(1);
            }

            list.Add(interaction);
        }

        await Retries.UntilAllTakeAsync(
            byCustomer,
            (customer, batch) => grains.GetGrain<ICustomerInbox>(customer).DeliverAsync(batch),
            (ex, failed, attempt) => LogDeliveryRetry(ex, _partition, failed, attempt),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of partition {Partition}: {Customers} customers did not take their interactions (attempt {Attempt}); retrying")]
    private partial void LogDeliveryRetry(Exception exception, int partition, int customers, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of partition {Partition} failed; it resumes from its cursor")]
    private partial void LogPumpFailed(Exception exception, int partition);
}
