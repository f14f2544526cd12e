using System.Diagnostics.Metrics;
using Orleans.Runtime;
using Pulse.Contracts.Models;
using Pulse.Contracts.Operations;
using Pulse.Grains.Delivery;
using Pulse.Grains.Models;
using Pulse.Grains.Segments;

namespace Pulse.Grains.Operations;

/// <summary>
/// A silo's figures on the <c>Pulse</c> meter. Figures the silo already keeps (events applied, delivery lag,
/// model versions) are observed when a collector asks, so they cost nothing between scrapes; trigger firings
/// and webhook outcomes are counted where they happen. A lifecycle participant only so the silo creates it at
/// start: its series exist from the first scrape, not from the first event.
/// </summary>
public sealed class SiloMetrics : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Counter<long> _fired;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _deliveryFailures;

    public SiloMetrics(
        IMeterFactory meters,
        AppliedActivity applied,
        DeliveryLag lag,
        ClvModelCache clv,
        SentimentModelCache sentiment,
        ChurnModelCache churn,
        SegmentModelCache segments)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(PulseMeter.Name);
        meter.CreateObservableCounter(
            "pulse.events.applied",
            () => applied.Total,
            unit: "{event}",
            description: "Interactions this silo's customers applied (each event id once).");
        meter.CreateObservableGauge(
            "pulse.delivery.lag",
            () => lag.Partitions().Select(p => new Measurement<double>(p.Lag.TotalSeconds, new KeyValuePair<string, object?>("partition", p.Partition))),
            unit: "s",
            description: "Per log partition delivered on this silo: time since its delivery last read to the end of the log.");
        meter.CreateObservableGauge(
            "pulse.models.version",
            () => new[]
            {
                Version(ModelNames.Clv, clv.Current?.Version ?? 0),
                Version(ModelNames.Sentiment, sentiment.Version),
                Version(ModelNames.Churn, churn.Version),
                Version("segments", segments.Model?.Version ?? 0),
            },
            unit: "{version}",
            description: "The model version this silo scores with (0: none published yet).");
        _fired = meter.CreateCounter<long>("pulse.triggers.fired", unit: "{firing}", description: "Trigger firings, by rule.");
        _delivered = meter.CreateCounter<long>("pulse.triggers.delivered", unit: "{delivery}", description: "Webhook deliveries a receiver accepted, by rule.");
        _deliveryFailures = meter.CreateCounter<long>(
            "pulse.triggers.delivery.failures",
            unit: "{attempt}",
            description: "Webhook delivery attempts that failed, by rule and outcome (retry, dead-lettered).");
    }

    /// <summary>A rule fired for a customer.</summary>
    public void Fired(string ruleId) => _fired.Add(1, new KeyValuePair<string, object?>("rule", ruleId));

    /// <summary>A receiver accepted a webhook delivery.</summary>
    public void Delivered(string ruleId) => _delivered.Add(1, new KeyValuePair<string, object?>("rule", ruleId));

    /// <summary>A webhook delivery attempt failed; <paramref name="deadLettered"/> when it was the last.</summary>
    public void DeliveryFailed(string ruleId, bool deadLettered) => _deliveryFailures.Add(
        1,
        new KeyValuePair<string, object?>("rule", ruleId),
        new KeyValuePair<string, object?>("outcome", deadLettered ? "dead-lettered" : "retry"));

    public void Participate(ISiloLifecycle lifecycle)
    {
    }

    private static Measurement<long> Version(string model, long version) => new(version, new KeyValuePair<string, object?>("model", model));
}
