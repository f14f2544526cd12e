using System.Reflection;
using Npgsql;

namespace Pulse.Grains.Postgres;

/// <summary>
/// Creates or upgrades Pulse's PostgreSQL schema: the numbered scripts embedded in this assembly
/// (<c>Postgres/Schema/NNNN_name.sql</c>), each applied once, in order, in its own transaction, and
/// recorded in <c>pulse_schema_version</c>. Safe to run again and from several processes at once
/// (an advisory lock serialises them).
/// </summary>
public static class PulseSchema
{
    private const long AdvisoryLockKey = 0x50756C7365; // "Pulse"
    private const string ResourcePrefix = "Pulse.Grains.Postgres.Schema.";

    /// <summary>The scripts this build knows, in the order they apply: (version, name, sql).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>The highest version this build knows.</summary>
    public static int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    /// <summary>The names of the scripts this build knows that are not among <paramref name="applied"/>.</summary>
    public static IReadOnlyList<string> Pending(IReadOnlyCollection<int> applied) =>
        [.. Scripts.Where(s => !applied.Contains(s.Version)).Select(s => s.Name)];

    /// <summary>Applies every script not applied yet; returns the versions applied by this call.</summary>
    public static Task<IReadOnlyList<int>> ApplyAsync(string connectionString, CancellationToken cancellationToken = default) =>
        WithFreshConnectionRetryAsync(connectionString, () => ApplyOnceAsync(connectionString, cancellationToken), cancellationToken);

    /// <summary>The versions recorded in a database (empty when the schema was never applied).</summary>
    public static Task<IReadOnlyList<int>> AppliedVersionsAsync(string connectionString, CancellationToken cancellationToken = default) =>
        WithFreshConnectionRetryAsync(connectionString, () => AppliedVersionsOnceAsync(connectionString, cancellationToken), cancellationToken);

    /// <summary>
    /// A pooled connection may point at a server that restarted since; the first command on it fails.
    /// Clear the pool and try again rather than fail a start-up or an init for it.
    /// </summary>
    private static async Task<T> WithFreshConnectionRetryAsync<T>(string connectionString, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (NpgsqlException ex) when (attempt < 3 && PostgresFailures.IsRetryable(ex))
            {
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    NpgsqlConnection.ClearPool(connection);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private static async Task<IReadOnlyList<int>> ApplyOnceAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS pulse_schema_version (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM pulse_schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var appliedNow = new List<int>();
            foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO pulse_schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.AddWithValue(version);
                    record.Parameters.AddWithValue(name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                appliedNow.Add(version);
            }

            return appliedNow;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<int>> AppliedVersionsOnceAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('pulse_schema_version') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return [];
        }

        var versions = new List<int>();
        await using var read = new NpgsqlCommand("SELECT version FROM pulse_schema_version ORDER BY version", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(PulseSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[ResourcePrefix.Length..^".sql".Length];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                return (version, name, Read(assembly, n));
            })
            .OrderBy(s => s.version)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
