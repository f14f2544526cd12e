using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pulse.Contracts.Models;
using Pulse.Grains.Models;
using Pulse.Grains.Segments;

namespace Pulse.Silo.Health;

/// <summary>
/// Ready when this silo scores with what the registry holds: the sentiment model is loaded (the shipped one
/// until a version is published) and every model cache has heard from its registry once since start. A model
/// that was never published (no lifetime-value fit, no churn training yet) is the normal state of a new
/// deployment and does not make the silo unready: its customers show no score for it, as on every silo.
/// </summary>
internal sealed class ModelsCheck(ClvModelCache clv, SentimentModelCache sentiment, ChurnModelCache churn, SegmentModelCache segments) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var versions = $"{ModelNames.Clv} {Shown(clv.Current?.Version)}, {ModelNames.Sentiment} {(sentiment.Current is not null && sentiment.Version == 0 ? "shipped" : Shown(sentiment.Version))}, " +
            $"{ModelNames.Churn} {Shown(churn.Version)}, segments {Shown(segments.Model?.Version)}";
        var waiting = new List<string>(4);
        if (sentiment.Current is null || !sentiment.HasChecked)
        {
            waiting.Add(ModelNames.Sentiment);
        }

        if (!clv.HasChecked)
        {
            waiting.Add(ModelNames.Clv);
        }

        if (!churn.HasChecked)
        {
            waiting.Add(ModelNames.Churn);
        }

        if (!segments.HasChecked)
        {
            waiting.Add("segments");
        }

        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy(versions)
            : HealthCheckResult.Unhealthy($"waiting for the registry: {string.Join(", ", waiting)} ({versions})"));
    }

    private static string Shown(long? version) => version is > 0 ? $"v{version}" : "none yet";
}
