using Npgsql;

namespace Pulse.Grains.Postgres;

/// <summary>
/// Bounded connection pools unless the operator chose a size: every silo and front end opens its own
/// pools, and PostgreSQL's max_connections is shared by all of them (docs/postgres.md).
/// </summary>
public static class ConnectionPools
{
    /// <summary>The interaction log's pool: concurrent ingest batches, delivery reads, customer replays.</summary>
    public const int InteractionLog = 24;

    /// <summary>The pool Orleans' providers share (membership, grain state, reminders: one connection string, one pool).</summary>
    public const int Orleans = 16;

    /// <summary><paramref name="connectionString"/> with a maximum pool size of <paramref name="size"/>, unless it names one.</summary>
    public static string WithDefaultMaximum(string connectionString, int size)
    {
        if (connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) ||
            connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString;
    }
}
