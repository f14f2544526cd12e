using Pulse.Contracts.Identity;

namespace Pulse.Grains.Delivery;

/// <summary>The deterministic merge rules.</summary>
public static class MergeRules
{
    /// <summary>The rule for a claim of <paramref name="type"/> met by another owner; null when the two stay apart.</summary>
    /// <remarks>
    /// A phone number never merges (households share one); an unverified email only attaches. An email merges when
    /// both the claim and the owner's hold verified it: one person's confirmed address. A device merges when one side
    /// logged in on it: the side that did survives, whichever claim came first, so the outcome does not depend on
    /// which event delivery reached first (the anonymous browsing and the login may sit in different partitions).
    /// </remarks>
    public static MergeRule? Of(IdentifierType type, bool claimVerified, bool ownerVerified) => type switch
    {
        IdentifierType.Account or IdentifierType.Crm => MergeRule.OwnerSurvives,
        IdentifierType.Email when claimVerified && ownerVerified => MergeRule.OwnerSurvives,
        IdentifierType.Device when claimVerified => MergeRule.ClaimantSurvives,
        IdentifierType.Device when ownerVerified => MergeRule.OwnerSurvives,
        _ => null,
    };
}
