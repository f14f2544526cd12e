using Npgsql;

namespace Pulse.Grains.Postgres;

/// <summary>Which PostgreSQL failures are worth one more try.</summary>
public static class PostgresFailures
{
    /// <summary>
    /// Transient errors, and a server that went away under a pooled connection (shut down or restarted:
    /// the pool hands out a dead connection once before it notices).
    /// </summary>
    public static bool IsRetryable(NpgsqlException exception) =>
        exception.IsTransient || exception is PostgresException { SqlState: "57P01" or "57P02" or "57P03" };
}
