using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Pulse.Silo.Health;

/// <summary>
/// Ready when PostgreSQL answers a trivial query on the interaction log's pool: ingest, delivery, grain state
/// and membership all need it. One pooled connection for a moment per probe.
/// </summary>
internal sealed class StorageCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {ex.Message}", ex);
        }
    }
}
