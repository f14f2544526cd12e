using Npgsql;
using NpgsqlTypes;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Postgres;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>
/// The durable outbox in <c>pulse_trigger_firings</c> and <c>pulse_trigger_deliveries</c> (schema 0104). A claim
/// takes due rows with <c>FOR UPDATE SKIP LOCKED</c> and leases them, so two silos never send one delivery at
/// once and a silo that dies mid-send leaves it to the next claim after the lease.
/// </summary>
public sealed class PostgresTriggerOutbox(NpgsqlDataSource database) : ITriggerOutbox
{
    // One statement, so firings and their deliveries commit together; deliveries only for firings new here.
    private const string AppendSql = """
        WITH new_firings AS (
            INSERT INTO pulse_trigger_firings (idempotency_key, rule_id, rule_version, customer_id, fired_at, payload)
            SELECT * FROM unnest(@keys::text[], @rules::text[], @versions::bigint[], @customers::text[], @fired::timestamptz[], @payloads::jsonb[])
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING idempotency_key
        ), new_deliveries AS (
            INSERT INTO pulse_trigger_deliveries (idempotency_key, url, secret_name, next_attempt_at)
            SELECT w.key, w.url, w.secret_name, @now
            FROM unnest(@webhook_keys::text[], @urls::text[], @secrets::text[]) WITH ORDINALITY AS w (key, url, secret_name, n)
            JOIN new_firings f ON f.idempotency_key = w.key
            ORDER BY w.n
        )
        SELECT idempotency_key FROM new_firings
        """;

    // A row another claimer holds is skipped, not waited for; one that claimer committed is re-checked
    // against the lease (READ COMMITTED re-reads a row updated under the scan).
    private const string ClaimSql = """
        WITH claimed AS (
            UPDATE pulse_trigger_deliveries d
            SET leased_until = @lease_end, attempts = d.attempts + 1
            FROM (
                SELECT id FROM pulse_trigger_deliveries
                WHERE state = 0 AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until <= @now)
                ORDER BY next_attempt_at, id
                LIMIT @max
                FOR UPDATE SKIP LOCKED
            ) due
            WHERE d.id = due.id
            RETURNING d.id, d.idempotency_key, d.url, d.secret_name, d.attempts, d.next_attempt_at
        )
        SELECT c.id, c.url, c.secret_name, c.attempts, f.payload::text
        FROM claimed c JOIN pulse_trigger_firings f ON f.idempotency_key = c.idempotency_key
        ORDER BY c.next_attempt_at, c.id
        """;

    private const string HistoryColumns = """
        f.idempotency_key, f.payload::text, d.id, d.url, d.state, d.attempts, d.next_attempt_at, d.delivered_at, d.last_error
        """;

    public Task<IReadOnlyList<FiredTrigger>> AppendAsync(IReadOnlyList<OutboxFiring> firings, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firings);

        // The same key twice in one batch: the first is the one stored.
        var unique = firings.DistinctBy(f => f.Firing.IdempotencyKey, StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<FiredTrigger>>([]);
        }

        return WithRetryAsync(async () =>
        {
            await using var command = database.CreateCommand(AppendSql);
            command.Parameters.Add(Texts("keys", [.. unique.Select(f => f.Firing.IdempotencyKey)]));
            command.Parameters.Add(Texts("rules", [.. unique.Select(f => f.Firing.RuleId)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("versions", [.. unique.Select(f => f.Firing.RuleVersion)]));
            command.Parameters.Add(Texts("customers", [.. unique.Select(f => f.Firing.CustomerId)]));
            command.Parameters.Add(new NpgsqlParameter<DateTime[]>("fired", [.. unique.Select(f => f.Firing.FiredAt.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string[]>("payloads", [.. unique.Select(f => FiredTriggerJson.Serialize(f.Firing))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            var webhooks = unique.SelectMany(f => f.Webhooks.Select(w => (f.Firing.IdempotencyKey, w))).ToList();
            command.Parameters.Add(Texts("webhook_keys", [.. webhooks.Select(w => w.IdempotencyKey)]));
            command.Parameters.Add(Texts("urls", [.. webhooks.Select(w => w.w.Url)]));
            command.Parameters.Add(Texts("secrets", [.. webhooks.Select(w => w.w.SecretName)]));
            command.Parameters.Add(Timestamp("now", now));

            var stored = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored.Add(reader.GetString(0));
                }
            }

            IReadOnlyList<FiredTrigger> added = [.. unique.Where(f => stored.Contains(f.Firing.IdempotencyKey)).Select(f => f.Firing)];
            return added;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0)
        {
            return Task.FromResult<IReadOnlyList<DueDelivery>>([]);
        }

        return WithRetryAsync(async () =>
        {
            await using var command = database.CreateCommand(ClaimSql);
            command.Parameters.Add(Timestamp("now", now));
            command.Parameters.Add(Timestamp("lease_end", now + lease));
            command.Parameters.Add(new NpgsqlParameter<int>("max", max));
            var due = new List<DueDelivery>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var target = new WebhookTarget(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                due.Add(new DueDelivery(reader.GetInt64(0), FiredTriggerJson.Deserialize(reader.GetString(4)), target, reader.GetInt32(3)));
            }

            IReadOnlyList<DueDelivery> claimed = due;
            return claimed;
        }, cancellationToken);
    }

    public Task MarkDeliveredAsync(long deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await using var command = database.CreateCommand("""
                UPDATE pulse_trigger_deliveries
                SET state = 1, delivered_at = @at, last_attempt_at = @at, next_attempt_at = NULL, leased_until = NULL
                WHERE id = @id AND state <> 1
                """);
            command.Parameters.Add(new NpgsqlParameter<long>("id", deliveryId));
            command.Parameters.Add(Timestamp("at", at));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task MarkFailedAsync(long deliveryId, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            // Only a pending delivery fails: a late answer must not undo a success recorded meanwhile.
            await using var command = database.CreateCommand("""
                UPDATE pulse_trigger_deliveries
                SET state = CASE WHEN @retry_at IS NULL THEN 2 ELSE 0 END,
                    next_attempt_at = @retry_at, leased_until = NULL, last_attempt_at = @now, last_error = @error
                WHERE id = @id AND state = 0
                """);
            command.Parameters.Add(new NpgsqlParameter<long>("id", deliveryId));
            command.Parameters.Add(new NpgsqlParameter("retry_at", NpgsqlDbType.TimestampTz) { Value = retryAt is { } r ? r.UtcDateTime : DBNull.Value });
            command.Parameters.Add(Timestamp("now", now));
            command.Parameters.Add(new NpgsqlParameter<string>("error", error));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<TriggerFeedItem>> GetFeedAsync(FeedCursor after, int limit, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            // Settled rows only: below the snapshot's xmin no transaction can still add one behind the cursor.
            await using var command = database.CreateCommand("""
                SELECT txid::text::bigint, feed_position, payload FROM pulse_trigger_firings
                WHERE (txid, feed_position) > (@txid::text::xid8, @position)
                  AND txid < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY txid, feed_position
                LIMIT @limit
                """);
            command.Parameters.Add(new NpgsqlParameter<string>("txid", after.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            command.Parameters.Add(new NpgsqlParameter<long>("position", after.Position));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            var items = new List<TriggerFeedItem>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new TriggerFeedItem(new FeedCursor(reader.GetInt64(0), reader.GetInt64(1)), FiredTriggerJson.Deserialize(reader.GetString(2))));
            }

            return (IReadOnlyList<TriggerFeedItem>)items;
        }, cancellationToken);

    public Task<FeedCursor> GetFeedHeadAsync(CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            // Everything of a transaction below xmin is settled; anything later follows the head.
            await using var command = database.CreateCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1");
            var below = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new FeedCursor(below, long.MaxValue);
        }, cancellationToken);

    public Task<IReadOnlyList<FiringRecord>> GetRuleFiringsAsync(string ruleId, int limit, DateTimeOffset? before = null, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await using var command = database.CreateCommand($"""
                WITH f AS (
                    SELECT idempotency_key, fired_at, payload FROM pulse_trigger_firings
                    WHERE rule_id = @rule_id AND (@before::timestamptz IS NULL OR fired_at < @before::timestamptz)
                    ORDER BY fired_at DESC, idempotency_key DESC
                    LIMIT @limit
                )
                SELECT {HistoryColumns}
                FROM f LEFT JOIN pulse_trigger_deliveries d ON d.idempotency_key = f.idempotency_key
                ORDER BY f.fired_at DESC, f.idempotency_key DESC, d.id
                """);
            command.Parameters.Add(new NpgsqlParameter<string>("rule_id", ruleId));
            command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.TimestampTz) { Value = before is { } b ? b.UtcDateTime : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            return await ReadFiringsAsync(command, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<FiringRecord>> GetCustomerFiringsAsync(string customerId, int limit, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await using var command = database.CreateCommand($"""
                WITH f AS (
                    SELECT idempotency_key, fired_at, payload FROM pulse_trigger_firings
                    WHERE customer_id = @customer_id
                    ORDER BY fired_at DESC, idempotency_key DESC
                    LIMIT @limit
                )
                SELECT {HistoryColumns}
                FROM f LEFT JOIN pulse_trigger_deliveries d ON d.idempotency_key = f.idempotency_key
                ORDER BY f.fired_at DESC, f.idempotency_key DESC, d.id
                """);
            command.Parameters.Add(new NpgsqlParameter<string>("customer_id", customerId));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            return await ReadFiringsAsync(command, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<FiringRecord>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            // Grouped by firing in the order of each firing's newest dead letter.
            await using var command = database.CreateCommand($"""
                WITH d AS (
                    SELECT * FROM pulse_trigger_deliveries
                    WHERE state = 2
                    ORDER BY last_attempt_at DESC, id DESC
                    LIMIT @limit
                ), ranked AS (
                    SELECT d.*, max(d.last_attempt_at) OVER (PARTITION BY d.idempotency_key) AS newest,
                           max(d.id) OVER (PARTITION BY d.idempotency_key) AS newest_id
                    FROM d
                )
                SELECT {HistoryColumns}
                FROM ranked d JOIN pulse_trigger_firings f ON f.idempotency_key = d.idempotency_key
                ORDER BY d.newest DESC, d.newest_id DESC, d.id
                """);
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            return await ReadFiringsAsync(command, cancellationToken);
        }, cancellationToken);

    public Task<bool> ReplayAsync(long deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await using var command = database.CreateCommand("""
                UPDATE pulse_trigger_deliveries
                SET state = 0, attempts = 0, next_attempt_at = @now, leased_until = NULL
                WHERE id = @id AND state = 2
                """);
            command.Parameters.Add(new NpgsqlParameter<long>("id", deliveryId));
            command.Parameters.Add(Timestamp("now", now));
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);

    /// <summary>Rows of (firing, delivery or nulls), a firing's rows together, into records in row order.</summary>
    private static async Task<IReadOnlyList<FiringRecord>> ReadFiringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<FiringRecord>();
        string? currentKey = null;
        FiredTrigger? current = null;
        var deliveries = new List<DeliveryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!string.Equals(key, currentKey, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    records.Add(new FiringRecord(current, deliveries));
                    deliveries = [];
                }

                currentKey = key;
                current = FiredTriggerJson.Deserialize(reader.GetString(1));
            }

            if (!reader.IsDBNull(2))
            {
                deliveries.Add(new DeliveryRecord(
                    reader.GetInt64(2),
                    reader.GetString(3),
                    (DeliveryState)reader.GetInt16(4),
                    reader.GetInt32(5),
                    Time(reader, 6),
                    Time(reader, 7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        if (current is not null)
        {
            records.Add(new FiringRecord(current, deliveries));
        }

        return records;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    private static NpgsqlParameter<string?[]> Texts(string name, string?[] values) =>
        new(name, values) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter<DateTime> Timestamp(string name, DateTimeOffset value) =>
        new(name, value.UtcDateTime) { NpgsqlDbType = NpgsqlDbType.TimestampTz };

    /// <summary>
    /// Runs a command again when the server went away under a pooled connection (a restart, a failover).
    /// Every statement here is safe to repeat: appends drop known keys, marks are guarded by state, and a
    /// claim whose answer was lost comes back after its lease.
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
}
