namespace Pulse.Analytics.Segments;

/// <summary>
/// The words for a trait: a phrase per known feature name and direction, "high/low name" otherwise.
/// A channel (web, phone) that is high names how a segment of frequent buyers buys: "frequent web buyers"
/// reads better than "frequent buyers, frequent web visitors".
/// </summary>
internal static class SegmentPhrases
{
    /// <summary>A trait's words; <paramref name="Channel"/> is set for a channel feature that is high.</summary>
    internal sealed record Phrase(string Text, string? Channel = null);

    /// <summary>The phrase of high purchase frequency, which a high channel qualifies.</summary>
    internal const string FrequentBuyers = "frequent buyers";

    private static readonly Dictionary<string, (Phrase High, Phrase Low)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["purchases-90d"] = (new(FrequentBuyers), new("rare buyers")),
        ["spend-90d"] = (new("high value"), new("low value")),
        ["web-visits-30d"] = (new("frequent web visitors", "web"), new("rarely on the web")),
        ["calls-30d"] = (new("frequent callers", "phone"), new("rarely call")),
        ["complaints-30d"] = (new("many complaints"), new("low complaints")),
        ["sentiment-level"] = (new("happy"), new("unhappy")),
        ["days-since-last-purchase"] = (new("lapsing"), new("recent buyers")),
        ["tenure-days"] = (new("long-standing"), new("new customers")),
        ["interactions-30d"] = (new("very active"), new("quiet")),
        ["purchases-30d"] = (new("buying this month"), new("not buying this month")),
        ["days-since-last-interaction"] = (new("gone silent"), new("in touch lately")),
        ["refunds-90d"] = (new("many refunds"), new("few refunds")),
    };

    public static Phrase For(SegmentTrait trait) =>
        Known.TryGetValue(trait.Feature, out var phrases)
            ? (trait.IsHigh ? phrases.High : phrases.Low)
            : new Phrase((trait.IsHigh ? "high " : "low ") + trait.Feature);
}
