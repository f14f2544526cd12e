namespace Pulse.Contracts.Interactions;

/// <summary>What the customer did. Wire names are lower-case and hyphenated (<c>page-view</c>).</summary>
public enum InteractionKind
{
    PageView = 0,
    AddToCart = 1,
    Purchase = 2,
    Refund = 3,
    Call = 4,
    Chat = 5,
    Email = 6,
    Complaint = 7,
    Review = 8,
    Referral = 9,
    Household = 10,
    Mention = 11,
    Signup = 12,

    /// <summary>New values of the customer's static attributes (a CRM export: plan, contract, region), in its properties. Not behaviour: no counter moves.</summary>
    ProfileUpdate = 13,

    /// <summary>
    /// A relationship with the counterparty ended (or was entered by mistake): the edge leaves the relationship
    /// graph. Its <c>relationship</c> property names the kind (referral, household, mention, call-transfer,
    /// other); without it every kind between the two goes. Not behaviour: no counter moves.
    /// </summary>
    RelationshipEnd = 14,
}
