using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Customers;

/// <summary>
/// One customer. Delivery hands it its logged interactions; it applies each event id once and
/// checkpoints on a timer; on activation it replays the log after its checkpoint, so an acknowledged
/// interaction is never lost between checkpoints.
/// </summary>
/// <remarks>
/// Random placement: customers are many and equal, and the default resource-optimised placement can
/// pile every new activation onto one silo of a small cluster.
/// </remarks>
[RandomPlacement]
public sealed partial class CustomerGrain(
    [PersistentState("customer", PulseStorage.Customers)] IPersistentState<CustomerState> checkpoint,
    IInteractionLog log,
    IGrainRuntime runtime,
    IOptions<CustomerOptions> options,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, ICustomerInbox
{
    private CustomerFeatures _features = new();
    private bool _dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _features = CustomerFeatures.Restore(checkpoint.State);
        var replayed = await ReplayAsync(cancellationToken);
        if (replayed > 0)
        {
            LogReplayed(this.GetPrimaryKeyString(), replayed, checkpoint.State.LastPosition);
        }

        // Customers activated together (an import, a burst) would otherwise checkpoint together, every
        // interval, and queue behind each other at the storage; a random first due time spreads them.
        var interval = options.Value.CheckpointInterval;
        var firstDue = interval * (0.5 + Random.Shared.NextDouble());
        this.RegisterGrainTimer(CheckpointAsync, new GrainTimerCreationOptions(firstDue, interval) { KeepAlive = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CheckpointAsync(cancellationToken);
    }

    public Task<CustomerProfile?> GetProfileAsync(DateTimeOffset? asOf = null) =>
        Task.FromResult(_features.Exists ? _features.ToProfile(this.GetPrimaryKeyString(), asOf ?? runtime.TimeProvider.GetUtcNow()) : null);

    public Task<IReadOnlyList<Interaction>> GetRecentInteractionsAsync() => Task.FromResult(_features.RecentNewestFirst());

    public Task DeliverAsync(IReadOnlyList<Interaction> interactions)
    {
        foreach (var interaction in interactions)
        {
            _dirty |= _features.TryApply(interaction);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Applies what the log holds beyond what this customer remembers. It starts just before the
    /// oldest remembered position rather than after the highest, because positions commit out of
    /// order when several batches are logged at once; what was applied is refused by id.
    /// </summary>
    private async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        await foreach (var interaction in log.ReadAsync(this.GetPrimaryKeyString(), _features.ReplayAfter, cancellationToken))
        {
            if (_features.TryApply(interaction))
            {
                applied++;
            }
        }

        _dirty |= applied > 0;
        return applied;
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _features.SaveTo(checkpoint.State);
        await checkpoint.WriteStateAsync(cancellationToken);
        _dirty = false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{CustomerId} replayed {Count} interactions after position {Position}")]
    private partial void LogReplayed(string customerId, int count, long position);
}
