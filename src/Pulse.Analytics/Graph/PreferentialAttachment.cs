namespace Pulse.Analytics.Graph;

/// <summary>
/// Synthetic relationship graphs with the heavy-tailed degrees real referral and social graphs have: the
/// preferential attachment model of Barabási &amp; Albert (Science 286, 1999). For tests, benchmarks and
/// simulation.
/// </summary>
public static class PreferentialAttachment
{
    /// <summary>
    /// Customers "c0", "c1", ... join one at a time; each links to <paramref name="linksPerCustomer"/> distinct
    /// earlier customers drawn with probability proportional to their degree + 1 (the +1 lets a customer
    /// with no links yet be drawn), pointing from the newcomer to the earlier one (a referral to an existing
    /// customer). Each edge is strengthened once, at a time drawn uniformly over <paramref name="span"/>
    /// after <paramref name="from"/>, so weights differ as decay sets them apart. Kinds are drawn at random.
    /// </summary>
    public static RelationshipGraph Generate(
        int customers,
        int linksPerCustomer,
        int seed,
        RelationshipGraphOptions? options = null,
        DateTimeOffset? from = null,
        TimeSpan? span = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(linksPerCustomer);
        var start = (from ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).UtcTicks;
        var spanTicks = (span ?? TimeSpan.FromDays(180)).Ticks;
        var graph = new RelationshipGraph(options, customers);
        var random = new Random(seed);
        var kinds = Enum.GetValues<RelationshipKind>();

        // Each customer appears once, plus once per link at either end: a uniform draw from this list is
        // a draw proportional to degree + 1.
        var ends = new List<int>(customers * (2 * linksPerCustomer + 1));
        var chosen = new HashSet<int>();
        for (var c = 0; c < customers; c++)
        {
            var slot = graph.AddCustomer("c" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
            chosen.Clear();
            var links = Math.Min(linksPerCustomer, c);
            while (chosen.Count < links)
            {
                chosen.Add(ends[random.Next(ends.Count)]);
            }

            foreach (var target in chosen.Order())
            {
                var at = start + (long)(random.NextDouble() * spanTicks);
                graph.Strengthen(slot, target, kinds[random.Next(kinds.Length)], at);
                ends.Add(target);
                ends.Add(slot);
            }

            ends.Add(slot);
        }

        return graph;
    }
}
