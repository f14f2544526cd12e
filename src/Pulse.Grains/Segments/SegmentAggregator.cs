using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Analytics.Segments;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>
/// The silo's pre-aggregator. Customer grains hand it their points in process (no grain call); it sums
/// them per nearest centre into one mini-batch and flushes it to the segmentation grain every
/// <see cref="SegmentOptions.FlushInterval"/>, or early at <see cref="SegmentOptions.MaxPointsPerFlush"/>
/// points. So the model grain hears from each silo about once a second however fast events arrive.
/// The same flush carries each segment's score sums to its segment grain and the customers' new
/// placements to the membership store.
/// </summary>
public sealed partial class SegmentAggregator(
    IGrainFactory grains,
    SegmentModelCache cache,
    ISegmentMembers members,
    ILocalSiloDetails silo,
    IOptions<SegmentOptions> options,
    ILogger<SegmentAggregator> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _full = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private MiniBatch? _batch;
    private Dictionary<int, ScoreSums> _scores = [];
    private Dictionary<string, SegmentMembership> _placements = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private int _seed;

    /// <summary>Flushes sent to the segmentation grain since start.</summary>
    public long Flushes { get; private set; }

    /// <summary>Points offered since start.</summary>
    public long PointsOffered { get; private set; }

    /// <summary>
    /// Adds a customer's point (transformed units) and, when the customer is placed, their scores to
    /// their segment's sums. Returns false when no segmentation has been fetched yet.
    /// </summary>
    public bool Offer(ReadOnlySpan<double> point, int segment, double? lifetimeValue, double? churnRisk, double? sentiment)
    {
        var published = cache.Published;
        if (published is null)
        {
            return false;
        }

        var full = false;
        lock (_gate)
        {
            // One batch per flush, against the version current when it began: a later version only
            // re-expresses the sums (the model takes a batch a version or two late where it belongs).
            _batch ??= new MiniBatch(published, seed: ++_seed);
            _batch.Add(point);
            PointsOffered++;
            if (segment >= 0)
            {
                ref var sums = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_scores, segment, out _);
                sums.Add(lifetimeValue, churnRisk, sentiment);
            }

            full = _batch.Points >= options.Value.MaxPointsPerFlush;
        }

        if (full && _full.CurrentCount == 0)
        {
            try
            {
                _full.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }

        return true;
    }

    /// <summary>Adds a member's scores to its segment's sums (a customer who has just joined, between contributions).</summary>
    public void AddScores(int segment, double? lifetimeValue, double? churnRisk, double? sentiment)
    {
        lock (_gate)
        {
            ref var sums = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_scores, segment, out _);
            sums.Add(lifetimeValue, churnRisk, sentiment);
        }
    }

    /// <summary>Queues a customer's new placement for the membership store (the latest per customer wins).</summary>
    public void Place(SegmentMembership placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        lock (_gate)
        {
            _placements[placement.CustomerId] = placement;
        }
    }

    /// <summary>Sends what has gathered now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        MiniBatch? batch;
        Dictionary<int, ScoreSums> scores;
        Dictionary<string, SegmentMembership> placements;
        lock (_gate)
        {
            (batch, _batch) = (_batch, null);
            (scores, _scores) = (_scores, []);
            (placements, _placements) = (_placements, new Dictionary<string, SegmentMembership>(StringComparer.Ordinal));
        }

        if (batch is { Points: > 0 })
        {
            Flushes++;
            await grains.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default).ContributeAsync(batch.ToState().ToContribution(), silo.Name);
        }

        foreach (var (segment, sums) in scores)
        {
            await grains.GetGrain<ISegmentGrain>(segment).RecordAsync(sums.ToScores());
        }

        if (placements.Count > 0)
        {
            try
            {
                await members.RecordAsync(placements.Values, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Placements must not be lost: put back those no newer placement has replaced.
                lock (_gate)
                {
                    foreach (var (customer, placement) in placements)
                    {
                        _placements.TryAdd(customer, placement);
                    }
                }

                throw;
            }
        }
    }

    internal Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _loop = Task.Run(RunAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex);
        }
    }

    private async Task RunAsync()
    {
        var interval = options.Value.FlushInterval;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _full.WaitAsync(interval, _stopping.Token);
                await FlushAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFlushFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A segment flush failed; placements are kept for the next")]
    private partial void LogFlushFailed(Exception exception);

    private struct ScoreSums
    {
        private long _contributions;
        private double _lifetimeValue;
        private long _lifetimeValueCount;
        private double _churnRisk;
        private long _churnRiskCount;
        private double _sentiment;
        private long _sentimentCount;

        public void Add(double? lifetimeValue, double? churnRisk, double? sentiment)
        {
            _contributions++;
            if (lifetimeValue is { } v && double.IsFinite(v))
            {
                _lifetimeValue += v;
                _lifetimeValueCount++;
            }

            if (churnRisk is { } c && double.IsFinite(c))
            {
                _churnRisk += c;
                _churnRiskCount++;
            }

            if (sentiment is { } s && double.IsFinite(s))
            {
                _sentiment += s;
                _sentimentCount++;
            }
        }

        public readonly SegmentScores ToScores() =>
            new(_contributions, _lifetimeValue, _lifetimeValueCount, _churnRisk, _churnRiskCount, _sentiment, _sentimentCount);
    }
}
