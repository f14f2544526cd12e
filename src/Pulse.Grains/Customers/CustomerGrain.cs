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
using Pulse.Grains.Segments;

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
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, ICustomerInbox
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

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _features = CustomerFeatures.Restore(checkpoint.State);
        _segment = checkpoint.State.Segment;
        _network = checkpoint.State.Network;
        var replayed = await ReplayAsync(cancellationToken);
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
        await CheckpointAsync(cancellationToken);
    }

    public Task<CustomerProfile?> GetProfileAsync(DateTimeOffset? asOf = null)
    {
        if (!_features.Exists)
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
        var applied = false;
        foreach (var interaction in interactions)
        {
            if (_features.TryApply(interaction, _withSentiment ??= WithSentiment))
            {
                applied = true;
                _purchasedSinceScored |= interaction.Kind == InteractionKind.Purchase;
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

    public Task UpdateNetworkAsync(CustomerNetwork network)
    {
        _network = network;
        _dirty |= _features.Exists;

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
        await foreach (var interaction in log.ReadAsync(this.GetPrimaryKeyString(), _features.ReplayAfter, cancellationToken))
        {
            if (_features.TryApply(interaction, _withSentiment ??= WithSentiment))
            {
                applied++;
            }
        }

        _dirty |= applied > 0;
        return applied;
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
        await checkpoint.WriteStateAsync(cancellationToken);
        _dirty = false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{CustomerId} replayed {Count} interactions after position {Position}")]
    private partial void LogReplayed(string customerId, int count, long position);
}
