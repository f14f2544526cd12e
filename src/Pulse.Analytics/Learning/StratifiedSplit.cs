namespace Pulse.Analytics.Learning;

/// <summary>A seeded split that keeps each class's share the same on both sides.</summary>
public static class StratifiedSplit
{
    /// <summary>Indices of the rows held out: <paramref name="holdoutShare"/> of each class, chosen by <paramref name="seed"/>.</summary>
    public static HashSet<int> Holdout(IReadOnlyList<bool> labels, double holdoutShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(holdoutShare > 0 && holdoutShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutShare), holdoutShare, "The holdout share must lie strictly between 0 and 1.");
        }

        var random = new Random(seed);
        var held = new HashSet<int>();
        foreach (var label in new[] { false, true })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * holdoutShare, MidpointRounding.AwayFromZero);
            held.UnionWith(members.Take(take));
        }

        return held;
    }
}
