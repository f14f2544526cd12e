using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Pulse.Contracts.Interactions;
using Pulse.Grains.Postgres;

namespace Pulse.Grains.InteractionLog;

/// <summary>
/// The durable interaction log on PostgreSQL (<c>pulse_interactions</c>, created by <c>pulse db init</c>).
/// A batch is one multi-row insert from arrays; the unique event id makes a resend a duplicate, and a
/// duplicate comes back in its first-logged form. Nothing is acknowledged before the insert commits.
/// Delivery reads each partition in commit order (<see cref="LogCursor"/>).
/// </summary>
public sealed class PostgresInteractionLog(NpgsqlDataSource dataSource) : IInteractionLog
{
    private const string Columns = "position, event_id, customer_id, event_time, channel, kind, amount, text, counterparty_id, properties, identities";

    // Identifier types by name, so the stored JSON reads the same as the API.
    private static readonly JsonSerializerOptions IdentityJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private const string InsertSql = """
        INSERT INTO pulse_interactions (event_id, customer_id, event_time, channel, kind, amount, text, counterparty_id, properties, partition, identities)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::smallint[], $5::smallint[], $6::numeric[], $7::text[], $8::text[], $9::jsonb[], $10::smallint[], $11::jsonb[])
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id, position
        """;

    // Rows of transactions below the snapshot's xmin are settled: no row can commit behind them later.
    private const string ReadPartitionSql = $$"""
        SELECT {{Columns}}, txid::text::bigint FROM pulse_interactions
        WHERE partition = $1 AND (txid, position) > ($2::text::xid8, $3)
          AND txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY txid, position
        LIMIT $4
        """;

    private const string ReadRelationshipsSql = $$"""
        SELECT {{Columns}}, txid::text::bigint FROM pulse_interactions
        WHERE partition = $1 AND counterparty_id IS NOT NULL AND (txid, position) <= ($2::text::xid8, $3)
        ORDER BY txid, position
        """;

    public async ValueTask<IReadOnlyList<LoggedInteraction>> AppendAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (interactions.Count == 0)
        {
            return [];
        }

        // The same id twice in one batch: the first is the one logged.
        var firstIndex = new Dictionary<string, int>(interactions.Count, StringComparer.Ordinal);
        var unique = new List<Interaction>(interactions.Count);
        for (var i = 0; i < interactions.Count; i++)
        {
            if (firstIndex.TryAdd(interactions[i].EventId, unique.Count))
            {
                unique.Add(interactions[i]);
            }
        }

        // Retrying is safe: the insert is idempotent by event id.
        var positions = await WithRetryAsync(() => InsertAsync(unique, cancellationToken), cancellationToken);
        var missing = unique.Where(i => !positions.ContainsKey(i.EventId)).Select(i => i.EventId).ToArray();
        var existing = missing.Length == 0 ? [] : await WithRetryAsync(() => ReadByEventIdsAsync(missing, cancellationToken), cancellationToken);

        var result = new LoggedInteraction[interactions.Count];
        var seenInBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < interactions.Count; i++)
        {
            var interaction = interactions[i];
            var firstInBatch = seenInBatch.Add(interaction.EventId);
            if (positions.TryGetValue(interaction.EventId, out var position))
            {
                var logged = unique[firstIndex[interaction.EventId]] with { Position = position };
                result[i] = new LoggedInteraction(logged, IsDuplicate: !firstInBatch);
            }
            else
            {
                result[i] = new LoggedInteraction(existing[interaction.EventId], IsDuplicate: true);
            }
        }

        return result;
    }

    public async IAsyncEnumerable<Interaction> ReadAsync(string customerId, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await WithRetryAsync(() => ReadCustomerAsync(customerId, afterPosition, cancellationToken), cancellationToken);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    public Task<LogPage> ReadPartitionAsync(int partition, LogCursor after, int max, CancellationToken cancellationToken = default) =>
        WithRetryAsync(() => ReadPartitionOnceAsync(partition, after, max, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<(Interaction Interaction, LogCursor Cursor)> ReadRelationshipsAsync(int partition, LogCursor upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReadRelationshipsSql);
        command.Parameters.AddWithValue((short)partition);
        command.Parameters.AddWithValue(upTo.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue(upTo.Position);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadRow(reader);
            yield return (row, new LogCursor(reader.GetInt64(11), row.Position));
        }
    }

    public async IAsyncEnumerable<PurchaseRecord> ReadPurchasesAsync(int partition, DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT customer_id, event_time, amount FROM pulse_interactions WHERE partition = $1 AND kind = $2 AND event_time < $3");
        command.Parameters.AddWithValue((short)partition);
        command.Parameters.AddWithValue((short)InteractionKind.Purchase);
        command.Parameters.AddWithValue(before.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new PurchaseRecord(reader.GetString(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero), reader.IsDBNull(2) ? 0m : reader.GetDecimal(2));
        }
    }

    public Task<LogCursor> LoadCursorAsync(int partition, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT txid::text::bigint, position FROM pulse_delivery_cursors WHERE partition = $1");
            command.Parameters.AddWithValue((short)partition);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new LogCursor(reader.GetInt64(0), reader.GetInt64(1)) : LogCursor.Start;
        }, cancellationToken);

    public Task SaveCursorAsync(int partition, LogCursor cursor, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO pulse_delivery_cursors (partition, txid, position, updated_at) VALUES ($1, $2::text::xid8, $3, now())
                ON CONFLICT (partition) DO UPDATE SET txid = excluded.txid, position = excluded.position, updated_at = excluded.updated_at
                """);
            command.Parameters.AddWithValue((short)partition);
            command.Parameters.AddWithValue(cursor.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue(cursor.Position);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The log for audit and backfill: interactions whose event time is in [<paramref name="from"/>,
    /// <paramref name="to"/>), optionally of one customer, in event-time order, streamed.
    /// </summary>
    public async IAsyncEnumerable<(Interaction Interaction, DateTimeOffset AcceptedAt)> ReadRangeAsync(
        DateTimeOffset from, DateTimeOffset to, string? customerId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns}, accepted_at FROM pulse_interactions WHERE event_time >= $1 AND event_time < $2 AND ($3::text IS NULL OR customer_id = $3) ORDER BY event_time, position");
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)customerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (ReadRow(reader), new DateTimeOffset(reader.GetFieldValue<DateTime>(11), TimeSpan.Zero));
        }
    }

    /// <summary>
    /// Runs a command again when the server went away under a pooled connection (a restart, a
    /// failover): the pool hands out a dead connection once before it notices.
    /// </summary>
    private static async Task<T> WithRetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (NpgsqlException ex) when (attempt < 3 && PostgresFailures.IsRetryable(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private async Task<List<Interaction>> ReadCustomerAsync(string customerId, long afterPosition, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pulse_interactions WHERE customer_id = $1 AND position > $2 ORDER BY position");
        command.Parameters.AddWithValue(customerId);
        command.Parameters.AddWithValue(afterPosition);
        var rows = new List<Interaction>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    private async Task<LogPage> ReadPartitionOnceAsync(int partition, LogCursor after, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadPartitionSql);
        command.Parameters.AddWithValue((short)partition);
        command.Parameters.AddWithValue(after.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue(after.Position);
        command.Parameters.AddWithValue(max);
        var rows = new List<Interaction>(Math.Min(max, 1024));
        var cursors = new List<LogCursor>(rows.Capacity);
        var next = after;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadRow(reader);
            rows.Add(row);
            next = new LogCursor(reader.GetInt64(11), row.Position);
            cursors.Add(next);
        }

        return new LogPage(rows, next, cursors);
    }

    private async Task<Dictionary<string, long>> InsertAsync(List<Interaction> batch, CancellationToken cancellationToken)
    {
        var n = batch.Count;
        var ids = new string[n];
        var customers = new string[n];
        var times = new DateTime[n];
        var channels = new short[n];
        var kinds = new short[n];
        var amounts = new decimal?[n];
        var texts = new string?[n];
        var counterparties = new string?[n];
        var properties = new string?[n];
        var partitions = new short[n];
        var identities = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var interaction = batch[i];
            ids[i] = interaction.EventId;
            customers[i] = interaction.CustomerId;
            times[i] = interaction.Timestamp.UtcDateTime;
            channels[i] = (short)interaction.Channel;
            kinds[i] = (short)interaction.Kind;
            amounts[i] = interaction.Amount;
            texts[i] = interaction.Text;
            counterparties[i] = interaction.CounterpartyId;
            properties[i] = interaction.Properties is null ? null : JsonSerializer.Serialize(interaction.Properties);
            partitions[i] = (short)LogPartitions.Of(interaction.CustomerId);
            identities[i] = interaction.Identities is null ? null : JsonSerializer.Serialize(interaction.Identities, IdentityJson);
        }

        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = customers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = channels, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = amounts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        command.Parameters.Add(new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = counterparties, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = properties, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = identities, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });

        var positions = new Dictionary<string, long>(n, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return positions;
    }

    private async Task<Dictionary<string, Interaction>> ReadByEventIdsAsync(string[] eventIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pulse_interactions WHERE event_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var found = new Dictionary<string, Interaction>(eventIds.Length, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var interaction = ReadRow(reader);
            found[interaction.EventId] = interaction;
        }

        return found;
    }

    private static Interaction ReadRow(NpgsqlDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(2),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero),
        (Channel)reader.GetInt16(4),
        (InteractionKind)reader.GetInt16(5),
        reader.IsDBNull(6) ? null : reader.GetDecimal(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)),
        reader.GetInt64(0),
        Identities: reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<List<InteractionIdentity>>(reader.GetString(10), IdentityJson));
}
