namespace Pulse.Analytics.Segments;

/// <summary>
/// The adjusted Rand index of two partitions of the same items (Hubert &amp; Arabie 1985, "Comparing
/// partitions"): the share of item pairs on which they agree, corrected for the agreement expected by
/// chance between partitions with the same cluster sizes. 1 for identical partitions (whatever the
/// labels), about 0 for unrelated ones, negative when worse than chance.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>
    /// (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E) with E = Σᵢ C(aᵢ,2) · Σⱼ C(bⱼ,2) / C(n,2),
    /// over the contingency table nᵢⱼ and its margins aᵢ, bⱼ. When the denominator is 0 (both
    /// partitions one cluster, or both all singletons) the partitions are identical and the index is 1.
    /// </summary>
    public static double Compute(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"The partitions must label the same items: {first.Length} and {second.Length} labels.", nameof(second));
        }

        var n = first.Length;
        if (n < 2)
        {
            return 1;
        }

        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            cells[(first[i], second[i])] = cells.GetValueOrDefault((first[i], second[i])) + 1;
            rows[first[i]] = rows.GetValueOrDefault(first[i]) + 1;
            columns[second[i]] = columns.GetValueOrDefault(second[i]) + 1;
        }

        var index = cells.Values.Sum(Pairs);
        var rowPairs = rows.Values.Sum(Pairs);
        var columnPairs = columns.Values.Sum(Pairs);
        var expected = rowPairs * columnPairs / Pairs(n);
        var maximum = (rowPairs + columnPairs) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }

    private static double Pairs(long count) => count * (count - 1) / 2.0;
}
