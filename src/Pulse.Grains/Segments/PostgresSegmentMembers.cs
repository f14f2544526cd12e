using Npgsql;
using NpgsqlTypes;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>Membership in <c>pulse_segment_members</c>: one multi-row upsert per batch, newest assignment wins.</summary>
public sealed class PostgresSegmentMembers(NpgsqlDataSource database) : ISegmentMembers
{
    private const string Upsert = """
        INSERT INTO pulse_segment_members (customer_id, segment, distance, model_version, since, assigned_at)
        SELECT * FROM unnest(@ids, @segments, @distances, @versions, @since, @assigned)
        ON CONFLICT (customer_id) DO UPDATE
        SET segment = excluded.segment, distance = excluded.distance, model_version = excluded.model_version,
            since = excluded.since, assigned_at = excluded.assigned_at
        WHERE pulse_segment_members.assigned_at <= excluded.assigned_at
        """;

    public async Task RecordAsync(IReadOnlyCollection<SegmentMembership> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count == 0)
        {
            return;
        }

        // One row per customer in a statement: ON CONFLICT cannot touch a row twice.
        var latest = assignments
            .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(a => a.AssignedAt)!)
            .ToArray();
        await using var command = database.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. latest.Select(a => a.CustomerId)]));
        command.Parameters.Add(new NpgsqlParameter<int[]>("segments", [.. latest.Select(a => a.Segment)]));
        command.Parameters.Add(new NpgsqlParameter<double[]>("distances", [.. latest.Select(a => a.Distance)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("versions", [.. latest.Select(a => a.ModelVersion)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("since", [.. latest.Select(a => a.Since.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("assigned", [.. latest.Select(a => a.AssignedAt.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SegmentMembership>> PageAsync(int segment, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT customer_id, segment, distance, model_version, since, assigned_at
            FROM pulse_segment_members
            WHERE segment = @segment AND customer_id > @after
            ORDER BY customer_id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("segment", segment);
        command.Parameters.AddWithValue("after", after ?? string.Empty);
        command.Parameters.AddWithValue("limit", limit);
        var page = new List<SegmentMembership>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new SegmentMembership(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetDouble(2),
                reader.GetInt64(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
        }

        return page;
    }

    public async Task<IReadOnlyDictionary<int, long>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT segment, count(*) FROM pulse_segment_members WHERE segment >= 0 GROUP BY segment");
        var counts = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
