using Pulse.Analytics.Churn;
using Pulse.Analytics.Triggers;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Graph;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Segments;
using Pulse.Grains.Customers;

namespace Pulse.Grains.Triggers;

/// <summary>
/// The facts a trigger rule can name about a customer, and how a customer fills them: its decayed counts and
/// amounts per channel and kind (<c>kind.complaint.count.7d</c>, half-lives 7, 30 and 90 days), exact recent
/// complaint counts, lifetime value, churn risk, sentiment and network scores (docs/triggers.md lists them).
/// </summary>
public static class CustomerFactSchema
{
    private static readonly string[] Scores =
    [
        "clv.value", "clv.lower", "clv.upper", "clv.pAlive", "clv.purchases90d",
        "churn.probability",
        "sentiment.level7d", "sentiment.level30d", "sentiment.trend", "sentiment.last",
        "influence.relative", "influence.percentile",
        "network.degree", "network.weightedDegree", "network.value", "network.churnContagion", "network.core",
        "complaints.7d", "complaints.30d",
        "days.sinceLastInteraction", "days.sinceLastPurchase", "days.tenure",
        "purchases.repeat", "spend.total", "spend.mean", "refunds.total",
        "interactions.total",
    ];

    private static readonly int Counters = CustomerFeatures.CounterFactNames.Count;

    /// <summary>Every fact, in index order: the decayed counters first, then the scores above.</summary>
    public static FactSchema Schema { get; } = new([.. CustomerFeatures.CounterFactNames, .. Scores]);

    private static readonly int ClvValue = Schema.IndexOf("clv.value");
    private static readonly int Churn = Schema.IndexOf("churn.probability");
    private static readonly int Sentiment = Schema.IndexOf("sentiment.level7d");
    private static readonly int Influence = Schema.IndexOf("influence.relative");
    private static readonly int Complaints = Schema.IndexOf("complaints.7d");
    private static readonly int Days = Schema.IndexOf("days.sinceLastInteraction");

    /// <summary>
    /// Fills <paramref name="facts"/> for the moment <paramref name="now"/> (NaN for what the customer does not
    /// have yet: no model, no purchase, no relationship). Allocates nothing beyond what the features' own
    /// accessors do.
    /// </summary>
    public static void Fill(
        CustomerFacts facts,
        string customerId,
        CustomerFeatures features,
        double[] behaviour,
        CustomerValue? value,
        ChurnRisk? churn,
        CustomerNetwork? network,
        CustomerSegment? segment,
        DateTimeOffset now)
    {
        var v = facts.Values;
        features.FillCounterFacts(v.AsSpan(0, Counters), now);

        Set(v, ClvValue, value?.LifetimeValue, value?.LifetimeValueLower, value?.LifetimeValueUpper, value?.ProbabilityAlive, value?.ExpectedPurchases90Days);
        v[Churn] = churn?.Probability ?? double.NaN;

        var sentiment = features.SentimentAsOf(now);
        Set(v, Sentiment, sentiment?.Level, sentiment?.MonthLevel, sentiment?.Trend, sentiment?.Last);

        Set(
            v,
            Influence,
            network?.RelativeInfluence,
            network?.InfluencePercentile,
            network?.Degree,
            network?.WeightedDegree,
            network?.NetworkValue,
            network?.ChurnContagion,
            network?.CoreNumber);

        Set(
            v,
            Complaints,
            behaviour[(int)BehaviourFeature.Complaints7Days],
            behaviour[(int)BehaviourFeature.Complaints30Days]);

        Set(
            v,
            Days,
            Known(behaviour[(int)BehaviourFeature.DaysSinceLastInteraction]),
            Known(behaviour[(int)BehaviourFeature.DaysSinceLastPurchase]),
            behaviour[(int)BehaviourFeature.TenureDays],
            behaviour[(int)BehaviourFeature.RepeatPurchases],
            (double)features.TotalSpend,
            features.HasPurchased ? behaviour[(int)BehaviourFeature.MeanSpend] : null,
            (double)features.TotalRefunds,
            features.AppliedCount);

        facts.CustomerId = customerId;
        facts.Attributes = features.Attributes;
        facts.Segment = segment?.Segment;
        facts.PreviousSegment = segment?.Previous;
        facts.LastSeen = features.LastSeen;
        facts.Now = now;
    }

    /// <summary>The churn inputs mark "never" with a sentinel; a rule sees it as unknown.</summary>
    private static double? Known(double days) => days >= BehaviourFeatures.Never ? null : days;

    private static void Set(double[] values, int first, params ReadOnlySpan<double?> facts)
    {
        for (var i = 0; i < facts.Length; i++)
        {
            values[first + i] = facts[i] ?? double.NaN;
        }
    }
}
