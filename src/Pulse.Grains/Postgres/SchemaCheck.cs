using Microsoft.Extensions.Hosting;

namespace Pulse.Grains.Postgres;

/// <summary>Refuses to start on a database without Pulse's current schema, naming the fix.</summary>
public sealed class SchemaCheck(string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await PulseSchema.AppliedVersionsAsync(connectionString, cancellationToken);
        var missing = PulseSchema.Pending(applied);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database lacks Pulse's schema ({string.Join(", ", missing)}): run `pulse db init --connection \"...\"` first.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
