using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>
/// The local profile's interaction log: one per process, bounded, lost with the process. It gives the
/// same contract as the durable log (positions, unique event ids, replay by customer) so the rest of
/// Pulse behaves the same on a laptop and in a cluster.
/// </summary>
public sealed class InMemoryInteractionLog(IOptions<InMemoryInteractionLogOptions> options) : IInteractionLog
{
    private readonly int _capacity = Math.Max(1, options.Value.Capacity);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Interaction> _byEventId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Interaction>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Queue<Interaction> _order = new();
    private readonly PartitionRows[] _partitions = [.. Enumerable.Range(0, LogPartitions.Count).Select(_ => new PartitionRows())];
    private readonly LogCursor[] _cursors = new LogCursor[LogPartitions.Count];
    private long _lastPosition;

    /// <summary>Interactions held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _order.Count;
            }
        }
    }

    public ValueTask<IReadOnlyList<LoggedInteraction>> AppendAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var result = new LoggedInteraction[interactions.Count];
        lock (_lock)
        {
            for (var i = 0; i < interactions.Count; i++)
            {
                var interaction = interactions[i];
                if (_byEventId.TryGetValue(interaction.EventId, out var existing))
                {
                    result[i] = new LoggedInteraction(existing, IsDuplicate: true);
                    continue;
                }

                var logged = interaction with { Position = ++_lastPosition };
                _byEventId.Add(logged.EventId, logged);
                if (!_byCustomer.TryGetValue(logged.CustomerId, out var queue))
                {
                    queue = new Queue<Interaction>();
                    _byCustomer.Add(logged.CustomerId, queue);
                }

                queue.Enqueue(logged);
                _order.Enqueue(logged);
                _partitions[LogPartitions.Of(logged.CustomerId)].Add(logged);
                result[i] = new LoggedInteraction(logged, IsDuplicate: false);
                EvictOverCapacity();
            }
        }

        return ValueTask.FromResult<IReadOnlyList<LoggedInteraction>>(result);
    }

    public async IAsyncEnumerable<Interaction> ReadAsync(string customerId, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interaction[] snapshot;
        lock (_lock)
        {
            snapshot = _byCustomer.TryGetValue(customerId, out var queue)
                ? queue.Where(i => i.Position > afterPosition).ToArray()
                : [];
        }

        foreach (var interaction in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return interaction;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<LogPage> ReadPartitionAsync(int partition, LogCursor after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, LogPartitions.Count);
        lock (_lock)
        {
            var page = _partitions[partition].After(after.Position, max);
            var next = page.Count == 0 ? after : new LogCursor(0, page[^1].Position);
            return Task.FromResult(new LogPage(page, next, [.. page.Select(i => new LogCursor(0, i.Position))]));
        }
    }

    public async IAsyncEnumerable<(Interaction Interaction, LogCursor Cursor)> ReadRelationshipsAsync(int partition, LogCursor upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<Interaction> rows;
        lock (_lock)
        {
            rows = _partitions[partition].After(0, int.MaxValue);
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.Position > upTo.Position)
            {
                break;
            }

            if (row.CounterpartyId is not null)
            {
                yield return (row, new LogCursor(0, row.Position));
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PurchaseRecord> ReadPurchasesAsync(int partition, DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<Interaction> rows;
        lock (_lock)
        {
            rows = _partitions[partition].After(0, int.MaxValue);
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.Kind == InteractionKind.Purchase && row.Timestamp < before)
            {
                yield return new PurchaseRecord(row.CustomerId, row.Timestamp, row.Amount ?? 0m);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<LogCursor> LoadCursorAsync(int partition, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_cursors[partition]);
        }
    }

    public Task SaveCursorAsync(int partition, LogCursor cursor, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _cursors[partition] = cursor;
        }

        return Task.CompletedTask;
    }

    private void EvictOverCapacity()
    {
        while (_order.Count > _capacity)
        {
            // Positions grow with time, so the oldest overall is also the oldest of its customer.
            var oldest = _order.Dequeue();
            _byEventId.Remove(oldest.EventId);
            _partitions[LogPartitions.Of(oldest.CustomerId)].DropOldest();
            var queue = _byCustomer[oldest.CustomerId];
            queue.Dequeue();
            if (queue.Count == 0)
            {
                _byCustomer.Remove(oldest.CustomerId);
            }
        }
    }

    /// <summary>One partition's interactions in position order; the oldest are dropped from the front without copying the rest each time.</summary>
    private sealed class PartitionRows
    {
        private readonly List<Interaction> _rows = [];
        private int _head;

        public void Add(Interaction interaction) => _rows.Add(interaction);

        public void DropOldest()
        {
            _rows[_head++] = null!;
            if (_head > 1024 && _head * 2 > _rows.Count)
            {
                _rows.RemoveRange(0, _head);
                _head = 0;
            }
        }

        public List<Interaction> After(long position, int max)
        {
            int lo = _head, hi = _rows.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_rows[mid].Position <= position)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return _rows.GetRange(lo, Math.Min(max, _rows.Count - lo));
        }
    }
}
