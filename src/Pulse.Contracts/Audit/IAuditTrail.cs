namespace Pulse.Contracts.Audit;

/// <summary>Where the audit trail goes: kept in memory on the local profile, in PostgreSQL (<c>pulse_audit</c>) on a cluster.</summary>
public interface IAuditTrail
{
    /// <summary>Records an entry; never blocks the request it records (the PostgreSQL trail writes in batches behind it).</summary>
    void Record(AuditEntry entry);

    /// <summary>Entries after <paramref name="after"/> (all when null), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? after, int limit, CancellationToken cancellationToken = default);
}
