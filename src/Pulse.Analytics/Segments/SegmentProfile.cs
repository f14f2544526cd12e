namespace Pulse.Analytics.Segments;

/// <summary>
/// What sets a segment apart, for people: the features on which its centre is farthest from the
/// population mean (in standard deviations, largest first) and a short description in words, such as
/// "frequent web buyers, high value, low complaints".
/// </summary>
public sealed record SegmentProfile(IReadOnlyList<SegmentTrait> Traits, string Description)
{
    /// <summary>The description of a segment that stands out on no feature.</summary>
    public const string Typical = "typical customers";

    /// <summary>
    /// Profiles a centre in standardized space (0 is the population mean, 1 one standard deviation):
    /// up to <paramref name="maxTraits"/> features at least <paramref name="minimumOffset"/> from the
    /// mean, largest first, and a rule-based phrase for each (a high channel merges into "frequent
    /// buyers": "frequent web buyers").
    /// </summary>
    public static SegmentProfile Describe(ReadOnlySpan<double> centre, IReadOnlyList<string> featureNames, int maxTraits = 4, double minimumOffset = 0.5)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count != centre.Length)
        {
            throw new ArgumentException($"Expected {centre.Length} feature names, got {featureNames.Count}.", nameof(featureNames));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTraits);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumOffset);
        var candidates = new List<SegmentTrait>();
        for (var i = 0; i < centre.Length; i++)
        {
            if (Math.Abs(centre[i]) >= minimumOffset && centre[i] != 0)
            {
                candidates.Add(new SegmentTrait(featureNames[i], centre[i]));
            }
        }

        // Largest offset first; ties keep the order of the features.
        var traits = candidates.OrderByDescending(t => Math.Abs(t.Offset)).Take(maxTraits).ToList();
        return new SegmentProfile(traits, Words(traits));
    }

    private static string Words(IReadOnlyList<SegmentTrait> traits)
    {
        if (traits.Count == 0)
        {
            return Typical;
        }

        var phrases = traits.Select(SegmentPhrases.For).ToList();
        var buyers = phrases.FindIndex(p => p.Text == SegmentPhrases.FrequentBuyers);
        var channel = phrases.FindIndex(p => p.Channel is not null);
        var words = phrases.Select(p => p.Text).ToList();
        if (buyers >= 0 && channel >= 0)
        {
            words[buyers] = $"frequent {phrases[channel].Channel} buyers";
            words.RemoveAt(channel);
        }

        return string.Join(", ", words);
    }
}
