using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Pulse.Contracts.Audit;

namespace Pulse.Grains.Audit;

/// <summary>
/// The audit trail in <c>pulse_audit</c>. A request only queues its entry; a writer inserts them in batches (one
/// multi-row insert at most every 200 ms), so auditing costs a request no database round trip. Entries still queued
/// are written when the host stops; a crash can lose the last fraction of a second of them.
/// </summary>
public sealed partial class PostgresAuditTrail(NpgsqlDataSource database, ILogger<PostgresAuditTrail> logger) : BackgroundService, IAuditTrail
{
    private const int MaxQueued = 100_000;
    private const int MaxBatch = 2_000;

    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;

    public void Record(AuditEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry) && Interlocked.Increment(ref _dropped) % 1_000 == 1)
        {
            LogDropped(Interlocked.Read(ref _dropped));
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT at, actor, method, path, status FROM pulse_audit WHERE at > $1 ORDER BY at, id LIMIT $2");
        command.Parameters.AddWithValue((after ?? DateTimeOffset.MinValue.AddYears(1)).UtcDateTime);
        command.Parameters.AddWithValue(limit);
        var entries = new List<AuditEntry>(Math.Min(limit, 1_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return entries;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await InsertAsync(batch);
                batch.Clear();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The database is away: keep the batch and try again shortly (entries behind it wait in the queue).
                LogWriteFailed(ex, batch.Count);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    private async Task InsertAsync(List<AuditEntry> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using var command = database.CreateCommand("INSERT INTO pulse_audit (at, actor, method, path, status) SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::int[])");
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.At.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Actor).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Method).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Path).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Status).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit queue is full: {Dropped} audit entries dropped so far")]
    private partial void LogDropped(long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} audit entries could not be written yet; retrying")]
    private partial void LogWriteFailed(Exception exception, int count);
}
