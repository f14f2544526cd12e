namespace Pulse.Analytics.Graph;

/// <summary>What links two customers. Each kind is an edge of its own: a referral and a shared household between the same two people are two edges.</summary>
public enum RelationshipKind : byte
{
    /// <summary>One customer referred the other (from the referrer to the referred).</summary>
    Referral,

    /// <summary>The two share a household or an account.</summary>
    Household,

    /// <summary>One customer mentioned the other (social media, reviews, tickets).</summary>
    Mention,

    /// <summary>A call was transferred from one customer's case to the other's.</summary>
    CallTransfer,

    /// <summary>Any other event with a counterparty.</summary>
    Other,
}
