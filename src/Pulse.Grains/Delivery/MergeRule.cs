using Pulse.Contracts.Identity;

namespace Pulse.Grains.Delivery;

/// <summary>
/// Which customer survives when an event's identifier is already another customer's, when the identifier
/// proves they are one person (docs/identity.md, "Identifiers").
/// </summary>
public enum MergeRule
{
    /// <summary>
    /// The identifier's owner was known by it first (an account, a CRM record, a verified email): the event's customer
    /// joins it; except that a customer whose id is the account or CRM id itself always survives.
    /// </summary>
    OwnerSurvives,

    /// <summary>A device's anonymous history joins the customer who verifiably logged in on it.</summary>
    ClaimantSurvives,
}
