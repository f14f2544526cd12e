namespace Pulse.Contracts.Identity;

/// <summary>What a claim on an identifier found.</summary>
public enum ClaimStatus
{
    /// <summary>The identifier was unowned and now belongs to the claiming customer.</summary>
    Joined = 0,

    /// <summary>The identifier already belonged to the claiming customer.</summary>
    AlreadyOwned = 1,

    /// <summary>
    /// The identifier belongs to another customer and stays theirs: a claim never moves an identifier
    /// (a merge does, and merges come with their own API).
    /// </summary>
    OwnedByOther = 2,
}
