namespace Pulse.Analytics.Churn;

/// <summary>
/// The behavioural inputs of the churn model, computed from a customer's interactions before a moment
/// (the same code for a training row at a cut-off and for a live customer now). Order is the layout.
/// </summary>
public enum BehaviourFeature
{
    DaysSinceLastInteraction = 0,
    DaysSinceLastPurchase = 1,
    TenureDays = 2,
    RepeatPurchases = 3,
    MeanSpend = 4,
    Purchases30Days = 5,
    Purchases90Days = 6,
    Spend90Days = 7,
    Interactions7Days = 8,
    Interactions30Days = 9,
    Interactions90Days = 10,
    WebVisits30Days = 11,
    Calls30Days = 12,
    Complaints7Days = 13,
    Complaints30Days = 14,
    Refunds90Days = 15,
    SentimentLevel = 16,
    SentimentTrend = 17,
    TextsScored30Days = 18,
}
