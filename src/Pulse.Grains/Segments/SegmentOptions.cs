using Pulse.Analytics.Churn;

namespace Pulse.Grains.Segments;

/// <summary>Live segmentation (<c>Pulse:Segments</c>).</summary>
public sealed class SegmentOptions
{
    /// <summary>Whether customers are segmented at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The number of segments.</summary>
    public int K { get; set; } = 6;

    /// <summary>How much and how recently a customer buys, how they reach the business, how they feel.</summary>
    public static readonly IReadOnlyList<string> DefaultFeatures =
    [
        "purchases-90d", "spend-90d", "days-since-last-purchase", "interactions-30d",
        "web-visits-30d", "calls-30d", "complaints-30d", "sentiment-level",
    ];

    /// <summary>Counts, money and days are skewed; sentiment is not.</summary>
    public static readonly IReadOnlyList<string> DefaultLogarithmic =
    [
        "purchases-90d", "spend-90d", "days-since-last-purchase", "interactions-30d",
        "web-visits-30d", "calls-30d", "complaints-30d", "purchases-30d", "interactions-7d",
        "interactions-90d", "tenure-days", "days-since-last-interaction", "repeat-purchases",
        "mean-spend", "refunds-90d", "complaints-7d", "texts-30d",
    ];

    /// <summary>
    /// The behaviour features that enter clustering (names as in <see cref="BehaviourFeatures"/>); empty
    /// means <see cref="DefaultFeatures"/>. (Empty by default because configuration binding appends to a
    /// list that already has items.)
    /// </summary>
    public List<string> Features { get; set; } = [];

    /// <summary>Features taken as ln(1 + x) before standardising; empty means <see cref="DefaultLogarithmic"/>.</summary>
    public List<string> Logarithmic { get; set; } = [];

    /// <summary>How often each silo flushes its mini-batch to the model.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo flushes early when its batch holds this many points.</summary>
    public int MaxPointsPerFlush { get; set; } = 50_000;

    /// <summary>A customer adds its point to the model at most this often (placement still follows every event).</summary>
    public TimeSpan ContributionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Forgetting: a batch's weight halves after this many later batches (Spark's halfLife in batches).</summary>
    public double HalfLifeBatches { get; set; } = 3_600;

    /// <summary>A centre that moves more than this (standard deviations) within the drift window raises an alert.</summary>
    public double DriftAlertDistance { get; set; } = 0.75;

    /// <summary>Batches in the drift window.</summary>
    public int DriftWindowBatches { get; set; } = 60;

    /// <summary>Sampled points the model needs before it seeds its centres (k-means++ on the sample).</summary>
    public int SeedSampleSize { get; set; } = 500;

    /// <summary>Half-life of a segment's live means (CLV, churn risk, sentiment), in time.</summary>
    public TimeSpan StatisticsHalfLife { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the model grain saves itself.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(10);

    public int Seed { get; set; } = 7;
}
