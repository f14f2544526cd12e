using System.Globalization;

namespace Pulse.Analytics.Churn;

/// <summary>Names and words for the <see cref="BehaviourFeature"/>s.</summary>
public static class BehaviourFeatures
{
    /// <summary>Stands for "never" in the days-since features: longer than any history, and not a missing value the trees would have to learn.</summary>
    public const double Never = 3650;

    public static readonly int Count = Enum.GetValues<BehaviourFeature>().Length;

    private static readonly string[] Names =
    [
        "days-since-last-interaction",
        "days-since-last-purchase",
        "tenure-days",
        "repeat-purchases",
        "mean-spend",
        "purchases-30d",
        "purchases-90d",
        "spend-90d",
        "interactions-7d",
        "interactions-30d",
        "interactions-90d",
        "web-visits-30d",
        "calls-30d",
        "complaints-7d",
        "complaints-30d",
        "refunds-90d",
        "sentiment-level",
        "sentiment-trend",
        "texts-30d",
    ];

    /// <summary>The feature's name in the model and the API (<c>complaints-7d</c>).</summary>
    public static string Name(BehaviourFeature feature) => Names[(int)feature];

    /// <summary>
    /// What a value means, in words for an agent: "3 complaints in the last 7 days", "no purchase in 63 days".
    /// Decayed counts (half-life equal to the window) are said as "about".
    /// </summary>
    public static string Describe(BehaviourFeature feature, double value)
    {
        var c = CultureInfo.InvariantCulture;
        var whole = Math.Round(value);
        return feature switch
        {
            BehaviourFeature.DaysSinceLastInteraction => value >= Never ? "no interaction yet" : string.Format(c, "last interaction {0:0} days ago", whole),
            BehaviourFeature.DaysSinceLastPurchase => value >= Never ? "never purchased" : string.Format(c, "no purchase in {0:0} days", whole),
            BehaviourFeature.TenureDays => string.Format(c, "customer for {0:0} days", whole),
            BehaviourFeature.RepeatPurchases => string.Format(c, "{0:0} repeat purchase days", whole),
            BehaviourFeature.MeanSpend => string.Format(c, "spends {0:0.00} per repeat purchase", value),
            BehaviourFeature.Purchases30Days => About(c, value, "purchases", "this month"),
            BehaviourFeature.Purchases90Days => About(c, value, "purchases", "this quarter"),
            BehaviourFeature.Spend90Days => value < 0.5 ? "no spend this quarter" : string.Format(c, "spent about {0:0} this quarter", value),
            BehaviourFeature.Interactions7Days => About(c, value, "interactions", "this week"),
            BehaviourFeature.Interactions30Days => About(c, value, "interactions", "this month"),
            BehaviourFeature.Interactions90Days => About(c, value, "interactions", "this quarter"),
            BehaviourFeature.WebVisits30Days => About(c, value, "web visits", "this month"),
            BehaviourFeature.Calls30Days => About(c, value, "calls", "this month"),
            BehaviourFeature.Complaints7Days => Counted(c, whole, "complaint", "in the last 7 days"),
            BehaviourFeature.Complaints30Days => Counted(c, whole, "complaint", "in the last 30 days"),
            BehaviourFeature.Refunds90Days => About(c, value, "refunds", "this quarter"),
            BehaviourFeature.SentimentLevel => value switch
            {
                < -0.2 => string.Format(c, "negative tone lately ({0:+0.00;−0.00})", value),
                > 0.2 => string.Format(c, "positive tone lately ({0:+0.00;−0.00})", value),
                _ => string.Format(c, "neutral tone lately ({0:+0.00;−0.00;0.00})", value),
            },
            BehaviourFeature.SentimentTrend => value switch
            {
                < -0.05 => string.Format(c, "sentiment falling ({0:+0.00;−0.00} against the month)", value),
                > 0.05 => string.Format(c, "sentiment rising ({0:+0.00;−0.00} against the month)", value),
                _ => "sentiment steady",
            },
            BehaviourFeature.TextsScored30Days => About(c, value, "messages or transcripts", "this month"),
            _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown behaviour feature."),
        };
    }

    // Decayed counts: "about 2.4"; below a twentieth, none to speak of.
    private static string About(CultureInfo c, double value, string nouns, string window) =>
        value < 0.05 ? $"no {nouns} {window}" : string.Format(c, "about {0:0.#} {1} {2}", value, nouns, window);

    private static string Counted(CultureInfo c, double count, string noun, string window) =>
        count switch
        {
            0 => $"no {noun}s {window}",
            1 => $"1 {noun} {window}",
            _ => string.Format(c, "{0:0} {1}s {2}", count, noun, window),
        };
}
