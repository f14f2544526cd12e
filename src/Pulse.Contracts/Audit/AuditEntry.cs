namespace Pulse.Contracts.Audit;

/// <summary>
/// One call recorded in the audit trail (docs/security.md): who, what and when, and how it ended. The path names the
/// customer read (a pseudonymous id, never an email or a name); bodies and query values are not kept.
/// </summary>
/// <param name="Actor">The caller: its key or token id and name, or <c>anonymous</c>.</param>
/// <param name="Status">The HTTP status the call ended with (401 and 403 are kept: refused attempts are audited too).</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Method, string Path, int Status);
