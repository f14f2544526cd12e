using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Segments;
using Pulse.Contracts.Graph;
using Pulse.Grains.Graph;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Models;
using Pulse.Grains.Operations;
using Pulse.Grains.Segments;
using Pulse.Grains.Triggers;
using Pulse.Grains.Triggers.Delivery;
using Pulse.Grains.Triggers.Feed;
using Pulse.Grains.Triggers.Outbox;
using Pulse.Grains.Triggers.Registry;

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
    ClvModelCache models,
    SentimentModelCache sentimentModels,
    ChurnModelCache churnModels,
    IOptions<ClvOptions> clvOptions,
    SegmentModelCache segments,
    SegmentAggregator segmentAggregator,
    SegmentVector segmentVector,
    IOptions<SegmentOptions> segmentOptions,
    IOptions<GraphOptions> graphOptions,
    TriggerRuleCache triggerRules,
    ITriggerOutbox triggerOutbox,
    WebhookDispatcher webhooks,
    TriggerFeed feed,
    IOptions<TriggerOptions> triggerOptions,
    AppliedActivity activity,
    SiloMetrics metrics,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, ICustomerInbox, IRemindable
{
    private CustomerFeatures _features = new();
    private bool _dirty;
    private CustomerValue? _storedValue;
    private ChurnRisk? _storedChurn;
    private CustomerSegment? _segment;
    private DateTimeOffset? _lastSegmentContribution;
    private bool _rescoreQueued;
    private Func<Interaction, Interaction>? _withSentiment;
    private CustomerNetwork? _network;
    private (double? Value, double? Risk)? _reportedToGraph;
    private bool _purchasedSinceScored;
    private const string TriggerReminder = "trigger-due";

    // The reminder's period is a daily second look for a reminder that came while the silo was down.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromDays(1);
    private readonly CustomerTriggers _triggers = new();
    private readonly List<(string EventId, string Kind)> _causes = [];
    private readonly List<OutboxFiring> _unsent = [];
    private bool _sendingFirings;
    private IGrainTimer? _triggerTimer;
    private DateTimeOffset? _triggerDue;
    private readonly CustomerWatchers _watchers = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _features = CustomerFeatures.Restore(checkpoint.State);
        _segment = checkpoint.State.Segment;
        _network = checkpoint.State.Network;
        _triggers.Restore(checkpoint.State.Triggers);

        // An absorbed customer keeps no history of its own: the survivor replays its log.
        var replayed = checkpoint.State.AbsorbedInto is null ? await ReplayAsync(cancellationToken) : 0;
        if (replayed > 0)
        {
            LogReplayed(this.GetPrimaryKeyString(), replayed, checkpoint.State.LastPosition);
        }

        // What was replayed is news to the scores too: a customer whose events all arrived before it
        // activated is assessed and placed now, not at its next event.
        if (_features.Exists)
        {
            Rescore(runtime.TimeProvider.GetUtcNow(), rescoreValue: true);
        }

        // Customers activated together (an import, a burst) would otherwise checkpoint together, every
        // interval, and queue behind each other at the storage; a random first due time spreads them.
        var interval = options.Value.CheckpointInterval;
        var firstDue = interval * (0.5 + Random.Shared.NextDouble());
        this.RegisterGrainTimer(CheckpointAsync, new GrainTimerCreationOptions(firstDue, interval) { KeepAlive = false });

        // Time alone moves P(alive): re-score on a timer too, so rules can act on a customer gone silent.
        var rescore = clvOptions.Value.ScoreRefreshInterval;
        this.RegisterGrainTimer(RescoreOnTimerAsync, new GrainTimerCreationOptions(rescore * (0.5 + Random.Shared.NextDouble()), rescore) { KeepAlive = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsent.Count > 0 && !_sendingFirings)
        {
            await SendFiringsAsync();
        }

        await CheckpointAsync(cancellationToken);
    }

    public Task<CustomerProfile?> GetProfileAsync(DateTimeOffset? asOf = null)
    {
        // An absorbed customer answers null, as one never seen does: its history is the survivor's now;
        // GetAbsorbedIntoAsync says where to look.
        if (!_features.Exists || checkpoint.State.AbsorbedInto is not null)
        {
            return Task.FromResult<CustomerProfile?>(null);
        }

        var now = runtime.TimeProvider.GetUtcNow();
        var at = asOf ?? now;
        var value = Score(at);
        var churn = AssessChurn(at);
        if (asOf is null)
        {
            _storedValue = value;
            _storedChurn = churn;
        }

        return Task.FromResult<CustomerProfile?>(_features.ToProfile(this.GetPrimaryKeyString(), at) with { Value = value, Churn = churn, Segment = _segment, Network = _network });
    }

    public Task<CustomerValue?> GetStoredValueAsync() => Task.FromResult(_storedValue);

    public Task<ChurnRisk?> GetStoredChurnAsync() => Task.FromResult(_storedChurn);

    public Task<IReadOnlyList<Interaction>> GetRecentInteractionsAsync() => Task.FromResult(_features.RecentNewestFirst());

    public Task DeliverAsync(IReadOnlyList<Interaction> interactions)
    {
        // Nothing accepted is lost: the event is in this customer's log, which the survivor replays.
        if (checkpoint.State.AbsorbedInto is { } survivor)
        {
            return GrainFactory.GetGrain<ICustomerInbox>(survivor).DeliverAsync(interactions);
        }

        var applied = false;
        var id = this.GetPrimaryKeyString();
        var now = runtime.TimeProvider.GetUtcNow();
        foreach (var interaction in interactions)
        {
            // A forwarding that crossed an unmerge (the absorbed customer forwarded just before it was
            // released) brings an event that is no longer this customer's: its own customer rebuilt from
            // the log, which has it.
            if (interaction.CustomerId != id && !checkpoint.State.AbsorbedIds.Contains(interaction.CustomerId))
            {
                continue;
            }

            if (_features.TryApply(interaction, _withSentiment ??= WithSentiment))
            {
                applied = true;
                activity.Applied(interaction.Timestamp, now);
                _purchasedSinceScored |= interaction.Kind == InteractionKind.Purchase;
                AddCause(interaction);
            }
        }

        if (applied)
        {
            _dirty = true;

            // Live: the risk, its reasons and the segment move with every batch of events, not only on
            // the timer; in a turn of their own, right after this one, so delivery does not wait for them.
            if (!_rescoreQueued)
            {
                _rescoreQueued = true;
                this.AsReference<ICustomerInbox>().RescoreAsync().Ignore();
            }
        }

        return Task.CompletedTask;
    }

    public Task WatchAsync(ICustomerWatcher watcher)
    {
        _watchers.Watch(watcher, runtime.TimeProvider.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(ICustomerWatcher watcher)
    {
        _watchers.Unwatch(watcher);
        return Task.CompletedTask;
    }

    public Task UpdateNetworkAsync(CustomerNetwork network)
    {
        _network = network;
        _dirty |= _features.Exists;
        NotifyWatchers();

        // Scores from models published since this customer last heard an event are computed now, so
        // the first report to the graph carries them.
        if (_features.Exists && (ValueIsStale || (_storedChurn?.ModelVersion ?? 0) != churnModels.Version))
        {
            Rescore(runtime.TimeProvider.GetUtcNow(), rescoreValue: false);
        }
        else
        {
            ReportToGraph();
        }
        return Task.CompletedTask;
    }

    public Task RescoreAsync()
    {
        _rescoreQueued = false;
        if (_features.Exists)
        {
            Rescore(runtime.TimeProvider.GetUtcNow(), rescoreValue: false);
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
        await foreach (var interaction in ReadLogsAsync(_features.ReplayAfter, cancellationToken))
        {
            if (_features.TryApply(interaction, _withSentiment ??= WithSentiment))
            {
                // Evaluated at activation: after a crash, a firing these events caused is re-created with
                // its idempotency key, and the outbox keeps it once.
                applied++;

                // A new customer's first events arrive this way (the log has them before delivery does).
                activity.Applied(interaction.Timestamp, runtime.TimeProvider.GetUtcNow());
                AddCause(interaction);
            }
        }

        _dirty |= applied > 0;
        return applied;
    }

    /// <summary>
    /// This customer's log and those of the customers merged into it, as one stream in position order. Positions
    /// are global in the log, so one starting point serves every id.
    /// </summary>
    private IAsyncEnumerable<Interaction> ReadLogsAsync(long afterPosition, CancellationToken cancellationToken)
    {
        var own = log.ReadAsync(this.GetPrimaryKeyString(), afterPosition, cancellationToken);
        var absorbed = checkpoint.State.AbsorbedIds;
        return absorbed.Count == 0
            ? own
            : LogMerge.ByPositionAsync([own, .. absorbed.Select(id => log.ReadAsync(id, afterPosition, cancellationToken))], cancellationToken);
    }

    /// <summary>Tells the live views watching this customer; with none (nearly always) it costs a field read.</summary>
    private void NotifyWatchers()
    {
        if (_watchers.Any)
        {
            _watchers.Notify(this.GetPrimaryKeyString(), runtime.TimeProvider.GetUtcNow());
        }
    }

    private CustomerValue? Score(DateTimeOffset asOf)
    {
        var settings = clvOptions.Value;
        return models.Current?.Score(_features.RfmAsOf(asOf), asOf, settings.Months, settings.MonthlyDiscountRate);
    }

    /// <summary>A buyer's stored value is stale when a different lifetime-value model is published.</summary>
    private bool ValueIsStale => models.Current is { } model && _features.HasPurchased && _storedValue?.ModelVersion != model.Version;

    private ChurnRisk? AssessChurn(DateTimeOffset asOf, double[]? behaviour = null)
    {
        var model = churnModels.Current;
        if (model is null)
        {
            return null;
        }

        var assessment = model.Assess(behaviour ?? _features.ChurnBehaviour(asOf), _features.Attributes);
        return new ChurnRisk(
            churnModels.Version,
            asOf,
            assessment.Probability,
            [.. assessment.Reasons.Select(r => new ChurnRiskReason(r.Feature, r.Contribution, r.Text))]);
    }

    /// <summary>What the customer said gets its tone from this silo's sentiment model, once, as it is applied.</summary>
    private Interaction WithSentiment(Interaction interaction) =>
        interaction is { Text.Length: > 0, Sentiment: null } && sentimentModels.Current is { } model
            ? interaction with { Sentiment = model.Score(interaction.Text) }
            : interaction;

    private void Rescore(DateTimeOffset now, bool rescoreValue)
    {
        var behaviour = _features.ChurnBehaviour(now);

        // Lifetime value moves with purchases and with time (the timer); a newly published model
        // re-scores at the next event rather than waiting for the timer.
        if (rescoreValue || _purchasedSinceScored || ValueIsStale)
        {
            _storedValue = Score(now);
            _purchasedSinceScored = false;
        }

        _storedChurn = AssessChurn(now, behaviour);
        PlaceInSegment(now, behaviour);
        ReportToGraph();
        EvaluateTriggers(now, behaviour);
        NotifyWatchers();
    }

    /// <summary>
    /// Evaluates the silo's trigger rules on the fresh scores: once per kind of event applied since the last
    /// evaluation (or once with no event, for a timer or a re-score), queues what fired for the outbox, and sets
    /// a timer for the next moment a rule could fire with no event.
    /// </summary>
    private void EvaluateTriggers(DateTimeOffset now, double[] behaviour)
    {
        if (triggerRules.Current is not { Rules.Rules.Count: > 0 } snapshot)
        {
            _causes.Clear();
            return;
        }

        var id = this.GetPrimaryKeyString();
        CustomerFactSchema.Fill(_triggers.Facts, id, _features, behaviour, _storedValue, _storedChurn, _network, _segment, now);
        _triggers.Facts.MarketingConsent = MarketingConsent.Allows(_features.Attributes, triggerOptions.Value.MarketingConsentByDefault);
        if (_causes.Count == 0)
        {
            Queue(snapshot, _triggers.Evaluate(snapshot, null), null, null);
        }

        foreach (var (eventId, kind) in _causes)
        {
            Queue(snapshot, _triggers.Evaluate(snapshot, kind), eventId, kind);
        }

        _causes.Clear();
        _dirty |= _triggers.Changed;
        ScheduleTriggerTimer(snapshot, now);
        if (_unsent.Count > 0 && !_sendingFirings)
        {
            SendFiringsAsync().Ignore();
        }
    }

    /// <summary>The first event of each kind since the last evaluation: rules on an event kind see each kind once per batch.</summary>
    private void AddCause(Interaction interaction)
    {
        var kind = interaction.Kind.Name();
        if (!_causes.Exists(c => c.Kind == kind))
        {
            _causes.Add((interaction.EventId, kind));
        }
    }

    private void Queue(TriggerRuleSnapshot snapshot, IReadOnlyList<Pulse.Analytics.Triggers.TriggerFiring> fired, string? eventId, string? kind)
    {
        foreach (var firing in fired)
        {
            metrics.Fired(firing.RuleId);
            _unsent.Add(new OutboxFiring(CustomerTriggers.ToFired(firing, eventId, kind), snapshot.Webhooks[snapshot.Rules.IndexOf(firing.RuleId)]));
        }
    }

    private void ScheduleTriggerTimer(TriggerRuleSnapshot snapshot, DateTimeOffset now)
    {
        var due = _triggers.NextDue(snapshot);
        if (due == _triggerDue)
        {
            return;
        }

        _triggerTimer?.Dispose();
        (_triggerTimer, _triggerDue) = (null, due);
        if (due is { } at)
        {
            var wait = at > now ? at - now : TimeSpan.Zero;
            _triggerTimer = this.RegisterGrainTimer(OnTriggerDueAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));

            // A timer dies with the activation, and a customer silent for 30 days is long deactivated by then:
            // a reminder wakes it. Set only when none is set for earlier, so a busy customer whose due moment
            // keeps moving later costs one reminder write per lapse, not one per event.
            if (wait >= triggerOptions.Value.ReminderAfter && (checkpoint.State.TriggerReminderDue is not { } set || set > at))
            {
                SetTriggerReminderAsync(at, wait).Ignore();
            }
        }
    }

    private async Task SetTriggerReminderAsync(DateTimeOffset at, TimeSpan wait)
    {
        // Noted before the call, so a reminder tick in between does not take it for none.
        checkpoint.State.TriggerReminderDue = at;
        _dirty = true;
        try
        {
            await this.RegisterOrUpdateReminder(TriggerReminder, wait, ReminderPeriod);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            checkpoint.State.TriggerReminderDue = null;
            LogReminderFailed(ex, this.GetPrimaryKeyString());
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != TriggerReminder)
        {
            return;
        }

        // Activation evaluated already; evaluate again at this moment, then keep the reminder only while
        // something is due beyond the activation's own timer.
        (checkpoint.State.TriggerReminderDue, _triggerDue, _dirty) = (null, null, true);
        if (_features.Exists)
        {
            Rescore(runtime.TimeProvider.GetUtcNow(), rescoreValue: true);
        }

        if (checkpoint.State.TriggerReminderDue is null && await this.GetReminder(TriggerReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private Task OnTriggerDueAsync(CancellationToken cancellationToken)
    {
        _triggerDue = null;
        if (_features.Exists)
        {
            Rescore(runtime.TimeProvider.GetUtcNow(), rescoreValue: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands queued firings to the outbox (one at a time per customer, in order), then wakes the silo's webhook
    /// dispatcher. Kept and tried again while the outbox cannot take them.
    /// </summary>
    private async Task SendFiringsAsync()
    {
        _sendingFirings = true;
        try
        {
            while (_unsent.Count > 0)
            {
                var batch = _unsent.ToArray();
                try
                {
                    await triggerOutbox.AppendAsync(batch, runtime.TimeProvider.GetUtcNow());
                    _unsent.RemoveRange(0, batch.Length);
                    webhooks.Wake();
                    feed.Wake();

                    // The card's fired-triggers panel reads the outbox: now it holds them.
                    NotifyWatchers();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFiringsNotStored(ex, this.GetPrimaryKeyString(), batch.Length);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
        finally
        {
            _sendingFirings = false;
        }
    }

    /// <summary>
    /// A customer with relationships tells its graph shard its value and risk when they move (by 1 % or
    /// more), for its neighbours' network value and churn contagion.
    /// </summary>
    private void ReportToGraph()
    {
        if (_network is null)
        {
            return;
        }

        var value = _storedValue?.LifetimeValue;
        var risk = _storedChurn?.Probability;
        if ((value is null && risk is null) || (_reportedToGraph is { } last && !Moved(last.Value, value) && !Moved(last.Risk, risk)))
        {
            return;
        }

        _reportedToGraph = (value, risk);
        var id = this.GetPrimaryKeyString();
        GrainFactory.GetGrain<IGraphShardGrain>(GraphShards.Of(id, graphOptions.Value.Shards)).ReportCustomerAsync(id, value, risk).Ignore();

        static bool Moved(double? before, double? now) =>
            before.HasValue != now.HasValue || (now is { } n && before is { } b && Math.Abs(n - b) > 0.01 * Math.Max(Math.Abs(b), 1e-6));
    }

    /// <summary>
    /// Finds the nearest centre of the silo's cached segmentation; a change of segment is a move,
    /// recorded on the customer and queued for the membership store. At most once a contribution
    /// interval the customer's point also goes to the silo's mini-batch, with its scores for the
    /// segment's means.
    /// </summary>
    private void PlaceInSegment(DateTimeOffset now, double[] behaviour)
    {
        if (!segmentOptions.Value.Enabled || _features.LastSeen is null)
        {
            return;
        }

        Span<double> point = stackalloc double[segmentVector.Dimensions];
        segmentVector.From(behaviour, point);
        var segment = -1;
        if (segments.Published is { IsSeeded: true } published)
        {
            segment = published.Assign(point, out var squared);
            var distance = Math.Sqrt(squared);
            if (_segment?.Segment != segment)
            {
                _segment = new CustomerSegment(segment, distance, published.Version, now, _segment?.Segment);
                segmentAggregator.Place(new SegmentMembership(this.GetPrimaryKeyString(), segment, distance, published.Version, now, now));
                segmentAggregator.AddScores(segment, _storedValue?.LifetimeValue, _storedChurn?.Probability, _features.SentimentAsOf(now)?.Level);
                _dirty = true;
            }
            else
            {
                _segment = _segment with { Distance = distance, ModelVersion = published.Version };
            }
        }

        if (_lastSegmentContribution is { } last && now - last < segmentOptions.Value.ContributionInterval)
        {
            return;
        }

        if (segmentAggregator.Offer(point, segment, _storedValue?.LifetimeValue, _storedChurn?.Probability, _features.SentimentAsOf(now)?.Level))
        {
            _lastSegmentContribution = now;
        }
    }

    private Task RescoreOnTimerAsync(CancellationToken cancellationToken)
    {
        if (_features.Exists)
        {
            // A shard rebuilt since the last report (a silo went away) knows nothing of this customer's
            // scores; the timer re-tells it even when they have not moved.
            _reportedToGraph = null;
            Rescore(runtime.TimeProvider.GetUtcNow(), rescoreValue: true);
        }

        return Task.CompletedTask;
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _features.SaveTo(checkpoint.State);
        checkpoint.State.Segment = _segment;
        checkpoint.State.Network = _network;
        checkpoint.State.Triggers = _triggers.Save();
        await checkpoint.WriteStateAsync(cancellationToken);
        checkpoint.State.ReleaseCopies();
        _dirty = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CustomerId}: the reminder for a due trigger rule could not be set; the rule fires at the customer's next activation")]
    private partial void LogReminderFailed(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CustomerId}: {Count} trigger firings could not be stored in the outbox; trying again")]
    private partial void LogFiringsNotStored(Exception exception, string customerId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{CustomerId} replayed {Count} interactions after position {Position}")]
    private partial void LogReplayed(string customerId, int count, long position);
}
