using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pulse.Silo.Health;

/// <summary>Ready when the front end is connected to at least one silo's gateway.</summary>
internal sealed class ClusterConnectionCheck(ClusterConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.Gateways > 0
            ? HealthCheckResult.Healthy($"connected to {connection.Gateways} gateway(s)")
            : HealthCheckResult.Unhealthy("not connected to any silo"));
}
