using Pulse.Contracts.Audit;

namespace Pulse.Web.Audit;

/// <summary>The local profile's audit trail: the latest <see cref="Capacity"/> entries, gone with the process like the rest of its state.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Queue<AuditEntry> _entries = new();

    public void Record(AuditEntry entry)
    {
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. _entries.Where(e => after is null || e.At > after).Take(limit)]);
        }
    }
}
