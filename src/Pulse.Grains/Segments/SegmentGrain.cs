using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>
/// One segment's live means of CLV, churn risk and sentiment over what its members contributed lately:
/// sums decayed in time (<see cref="SegmentOptions.StatisticsHalfLife"/>). Silos report once per
/// flush, so a large segment is not a hot grain. Saved about once a minute.
/// </summary>
public sealed class SegmentGrain(
    [PersistentState("segment", PulseStorage.Models)] IPersistentState<SegmentState> saved,
    IOptions<SegmentOptions> options,
    IGrainRuntime runtime) : Grain, ISegmentGrain
{
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromMinutes(1);
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(every, every) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public Task RecordAsync(SegmentScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var now = runtime.TimeProvider.GetUtcNow();
        var s = saved.State;
        Age(s, now);
        s.Contributions += scores.Contributions;
        s.LifetimeValueSum += scores.LifetimeValueSum;
        s.LifetimeValueWeight += scores.LifetimeValueCount;
        s.ChurnRiskSum += scores.ChurnRiskSum;
        s.ChurnRiskWeight += scores.ChurnRiskCount;
        s.SentimentSum += scores.SentimentSum;
        s.SentimentWeight += scores.SentimentCount;
        s.UpdatedAt = now;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<SegmentStatistics> GetStatisticsAsync()
    {
        var s = saved.State;
        static double? Mean(double sum, double weight) => weight > 1e-9 ? sum / weight : null;
        return Task.FromResult(new SegmentStatistics(
            (int)this.GetPrimaryKeyLong(),
            s.Contributions,
            Mean(s.LifetimeValueSum, s.LifetimeValueWeight),
            Mean(s.ChurnRiskSum, s.ChurnRiskWeight),
            Mean(s.SentimentSum, s.SentimentWeight),
            s.UpdatedAt));
    }

    private void Age(SegmentState s, DateTimeOffset now)
    {
        if (s.UpdatedAt is not { } last || now <= last)
        {
            return;
        }

        // Means of decayed sums over decayed weights: recent members count more, and ageing does not move a mean by itself.
        var factor = Math.Pow(0.5, (now - last) / options.Value.StatisticsHalfLife);
        s.Contributions *= factor;
        s.LifetimeValueSum *= factor;
        s.LifetimeValueWeight *= factor;
        s.ChurnRiskSum *= factor;
        s.ChurnRiskWeight *= factor;
        s.SentimentSum *= factor;
        s.SentimentWeight *= factor;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await saved.WriteStateAsync(cancellationToken);
            _dirty = false;
        }
    }
}
