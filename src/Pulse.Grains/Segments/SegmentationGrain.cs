using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Analytics.Segments;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>
/// Holds the streaming k-means model. It only ever sees mini-batches, about one a second from each
/// silo whatever the event rate, applies each (Sculley's per-centre rate, Spark's forgetting), watches
/// the centres for drift, and saves itself every few seconds. Losing the last few seconds of updates in
/// a crash costs a little learning, never a customer's data.
/// </summary>
public sealed partial class SegmentationGrain(
    [PersistentState("segmentation", PulseStorage.Models)] IPersistentState<SegmentationState> saved,
    IOptions<SegmentOptions> options,
    SegmentVector vector,
    IGrainRuntime runtime,
    ILogger<SegmentationGrain> logger) : Grain, ISegmentationGrain
{
    private const int AlertsKept = 50;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _flushes = new(StringComparer.Ordinal);
    private StreamingKMeans _model = null!;
    private long _pointsApplied;
    private bool _dirty;

    private string Settings => $"k={options.Value.K};features={string.Join(',', vector.Features)};log={string.Join(',', vector.Logarithmic)}";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _model = new StreamingKMeans(new StreamingKMeansOptions
        {
            K = settings.K,
            Dimensions = vector.Dimensions,
            HalfLifeBatches = settings.HalfLifeBatches,
            SeedSampleSize = settings.SeedSampleSize,
            DriftWindow = settings.DriftWindowBatches,
            Seed = settings.Seed,
        });
        if (saved.RecordExists && saved.State.Settings == Settings)
        {
            var s = saved.State;
            _model.Restore(new StreamingKMeansState(
                s.Version, s.Centres, s.Counts, new StandardizerState(s.StandardizerWeight, s.StandardizerMean, s.StandardizerSquaredDeviations),
                s.SampleSeen, s.SampleRows, s.LastMoves, s.History, s.ReferenceVersion, s.Reference));
        }
        else if (saved.RecordExists)
        {
            LogSettingsChanged(saved.State.Settings, Settings);
            saved.State = new SegmentationState();
        }

        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(settings.SaveInterval, settings.SaveInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public Task<long> GetVersionAsync() => Task.FromResult(_model.Version);

    public Task<SegmentationModel> GetModelAsync()
    {
        var published = _model.Published;
        return Task.FromResult(new SegmentationModel(
            published.Version,
            vector.Features,
            vector.Logarithmic,
            published.Mean.ToArray(),
            published.Scale.ToArray(),
            published.Centres?.Values.ToArray() ?? [],
            _model.IsSeeded ? _model.Counts.ToArray() : [],
            runtime.TimeProvider.GetUtcNow()));
    }

    public Task ContributeAsync(SegmentContribution contribution, string silo)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var now = runtime.TimeProvider.GetUtcNow();
        CountFlush(silo, now);
        AppliedBatch applied;
        try
        {
            applied = _model.Apply(MiniBatch.FromState(contribution.ToState()));
        }
        catch (ArgumentException e)
        {
            // A batch against a version this activation never published (the model restarted from an
            // older save): its sums cannot be placed. The silo's next batch uses the current version.
            LogBatchDropped(silo, contribution.Version, _model.Version, e.Message);
            return Task.CompletedTask;
        }

        _pointsApplied += applied.Points;
        _dirty = true;
        if (applied.Seeded)
        {
            LogSeeded(_model.K, _model.SampleCount, _model.Version);
        }

        RaiseDriftAlerts(now);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SegmentDescription>> GetSegmentsAsync()
    {
        if (_model.Centres is not { } centres)
        {
            return Task.FromResult<IReadOnlyList<SegmentDescription>>([]);
        }

        var d = _model.Dimensions;
        var raw = new double[d];
        var segments = new List<SegmentDescription>(_model.K);
        for (var c = 0; c < _model.K; c++)
        {
            var profile = SegmentProfile.Describe(centres[c], vector.Features);
            _model.CentreInRawUnits(c, raw);
            var units = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < d; i++)
            {
                units[vector.Features[i]] = vector.ToUnits(i, raw[i]);
            }

            segments.Add(new SegmentDescription(
                c,
                _model.Counts[c],
                units,
                [.. profile.Traits.Select(t => new SegmentTraitView(t.Feature, t.Offset))],
                profile.Description));
        }

        return Task.FromResult<IReadOnlyList<SegmentDescription>>(segments);
    }

    public Task<SegmentationDrift> GetDriftAsync()
    {
        var drift = _model.Drift();
        return Task.FromResult(new SegmentationDrift(
            drift.Version,
            [.. drift.LastBatch],
            drift.WindowBatches,
            [.. drift.OverWindow],
            drift.ReferenceVersion,
            [.. drift.SinceReference],
            [.. saved.State.Alerts]));
    }

    public Task<SegmentationStatus> GetStatusAsync()
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (silo, times) in _flushes)
        {
            Trim(times, now);
            rates[silo] = times.Count / 60.0;
        }

        return Task.FromResult(new SegmentationStatus(_model.Version, _model.IsSeeded, _model.SampleCount, _pointsApplied, rates));
    }

    public async Task<KSuggestion> SuggestKAsync(int maxK)
    {
        if (maxK is < 2 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(maxK), maxK, "maxK: between 2 and 30.");
        }

        // The model's reservoir, in the current standardisation: the same space the live centres use.
        var published = _model.Published;
        var rows = _model.Snapshot().SampleRows;
        var d = _model.Dimensions;
        if (rows.Length / d < maxK * 2)
        {
            throw new InvalidOperationException($"The model has sampled {rows.Length / d} customers so far; suggesting up to {maxK} segments needs at least {maxK * 2}.");
        }

        var points = new double[rows.Length];
        for (var i = 0; i < rows.Length; i += d)
        {
            published.Standardize(rows.AsSpan(i, d), points.AsSpan(i, d));
        }

        var scan = await Task.Run(() => Elbow.Scan(points, d, maxK, restarts: 3, seed: options.Value.Seed));
        return new KSuggestion(
            [.. scan.Select(p => new KChoice(p.K, p.Inertia, p.Silhouette))],
            Elbow.Knee(scan),
            scan.MaxBy(p => p.Silhouette)!.K,
            rows.Length / d);
    }

    private void RaiseDriftAlerts(DateTimeOffset now)
    {
        var drift = _model.Drift();
        var threshold = options.Value.DriftAlertDistance;
        for (var c = 0; c < drift.OverWindow.Count; c++)
        {
            if (drift.OverWindow[c] <= threshold)
            {
                continue;
            }

            // One alert per centre per window: a centre on the move is reported, not every batch of it.
            var recent = saved.State.Alerts.LastOrDefault(a => a.Segment == c);
            if (recent is not null && drift.Version - recent.Version < drift.WindowBatches)
            {
                continue;
            }

            var alert = new SegmentDriftAlert(c, drift.OverWindow[c], drift.WindowBatches, drift.Version, now);
            saved.State.Alerts.Add(alert);
            if (saved.State.Alerts.Count > AlertsKept)
            {
                saved.State.Alerts.RemoveAt(0);
            }

            LogDrift(c, alert.Moved, alert.WindowBatches, alert.Version);
        }
    }

    private void CountFlush(string silo, DateTimeOffset now)
    {
        if (!_flushes.TryGetValue(silo, out var times))
        {
            _flushes[silo] = times = new Queue<DateTimeOffset>();
        }

        times.Enqueue(now);
        Trim(times, now);
    }

    private static void Trim(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && now - times.Peek() > TimeSpan.FromMinutes(1))
        {
            times.Dequeue();
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        var s = _model.Snapshot();
        var state = saved.State;
        state.Settings = Settings;
        state.Version = s.Version;
        state.Centres = s.Centres;
        state.Counts = s.Counts;
        state.StandardizerWeight = s.Standardizer.Weight;
        state.StandardizerMean = s.Standardizer.Mean;
        state.StandardizerSquaredDeviations = s.Standardizer.SquaredDeviations;
        state.SampleSeen = s.SampleSeen;
        state.SampleRows = s.SampleRows;
        state.LastMoves = s.LastMoves;
        state.History = s.History;
        state.ReferenceVersion = s.ReferenceVersion;
        state.Reference = s.Reference;
        await saved.WriteStateAsync(cancellationToken);
        _dirty = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Segments seeded: {K} centres by k-means++ on {Sample} sampled customers (version {Version})")]
    private partial void LogSeeded(int k, int sample, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment {Segment} drifted {Moved:0.00} standard deviations over {Window} batches (version {Version})")]
    private partial void LogDrift(int segment, double moved, int window, long version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped a mini-batch from {Silo} against version {BatchVersion} (model at {ModelVersion}): {Reason}")]
    private partial void LogBatchDropped(string silo, long batchVersion, long modelVersion, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segmentation settings changed from '{Old}' to '{New}': the model starts again")]
    private partial void LogSettingsChanged(string old, string @new);
}
