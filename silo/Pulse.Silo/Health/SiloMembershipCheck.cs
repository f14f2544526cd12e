using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Pulse.Silo.Health;

/// <summary>Ready when this silo is active in its cluster's membership: it joined and takes activations.</summary>
internal sealed class SiloMembershipCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.Name} active in cluster {silo.ClusterId} ({active} active)")
            : HealthCheckResult.Unhealthy($"silo {silo.Name} is {status} in cluster {silo.ClusterId}"));
    }
}
