namespace Pulse.Analytics.Triggers;

/// <summary>What a rule is for; it decides whether the customer's consent is needed.</summary>
public enum TriggerCategory
{
    /// <summary>Offers and campaigns: never fire for a customer who has not consented to marketing.</summary>
    Marketing,

    /// <summary>Service messages (an outage notice, a complaint follow-up): fire regardless of marketing consent.</summary>
    Service,
}
