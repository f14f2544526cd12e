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
            BehaviourFeature.Purchases30Days => string.Format(c, "about {0:0.#} purchases this month", value),
            BehaviourFeature.Purchases90Days => string.Format(c, "about {0:0.#} purchases this quarter", value),
            BehaviourFeature.Spend90Days => string.Format(c, "spent about {0:0} this quarter", value),
            BehaviourFeature.Interactions7Days => string.Format(c, "about {0:0.#} interactions this week", value),
            BehaviourFeature.Interactions30Days => string.Format(c, "about {0:0.#} interactions this month", value),
            BehaviourFeature.Interactions90Days => string.Format(c, "about {0:0.#} interactions this quarter", value),
            BehaviourFeature.WebVisits30Days => string.Format(c, "about {0:0.#} web visits this month", value),
            BehaviourFeature.Calls30Days => string.Format(c, "about {0:0.#} calls this month", value),
            BehaviourFeature.Complaints7Days => Counted(c, whole, "complaint", "in the last 7 days"),
            BehaviourFeature.Complaints30Days => Counted(c, whole, "complaint", "in the last 30 days"),
            BehaviourFeature.Refunds90Days => string.Format(c, "about {0:0.#} refunds this quarter", value),
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
            BehaviourFeature.TextsScored30Days => string.Format(c, "about {0:0.#} messages or calls with words this month", value),
            _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown behaviour feature."),
        };
    }

    private static string Counted(CultureInfo c, double count, string noun, string window) =>
        count switch
        {
            0 => $"no {noun}s {window}",
            1 => $"1 {noun} {window}",
            _ => string.Format(c, "{0:0} {1}s {2}", count, noun, window),
        };
}
