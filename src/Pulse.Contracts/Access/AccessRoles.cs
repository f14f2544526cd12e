namespace Pulse.Contracts.Access;

/// <summary>
/// What a caller may do (docs/security.md). Admin may do everything; the others one area each, so a
/// feed's key cannot read customers and an agent's cannot change triggers.
/// </summary>
[Flags]
public enum AccessRoles
{
    None = 0,

    /// <summary>Post events.</summary>
    Ingest = 1,

    /// <summary>Read customers, their networks and identities; merge and unmerge them.</summary>
    Agent = 2,

    /// <summary>Segments and triggers.</summary>
    Marketer = 4,

    /// <summary>Keys, models, operations and erasure; and everything the others may do.</summary>
    Admin = 8,
}
