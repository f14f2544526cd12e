namespace Pulse.Analytics.Graph;

/// <summary>
/// Newman–Girvan modularity of a split into communities (Newman &amp; Girvan, Phys. Rev. E 69, 2004): the
/// share of relationship weight that falls inside communities, less what chance would put there given
/// everyone's weighted degree. 0 for one community of everyone; about 0.3 and up marks real structure.
/// </summary>
public static class Modularity
{
    /// <summary>
    /// Q = Σ_C [ w_in(C)/(2m) − γ·(d(C)/(2m))² ] on the simple undirected view (kinds and directions
    /// summed, self-loops left out): w_in(C) the weight between members of C counted from both ends, d(C)
    /// the members' total weighted degree, 2m the total of all degrees.
    /// </summary>
    public static double Of(RelationshipGraph graph, CommunityAssignment communities, double resolution = 1)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(communities);
        var table = NeighbourTable.Build(graph);
        var of = communities.CommunityOf;
        if (of.Length < table.Slots)
        {
            throw new ArgumentException($"Expected a community for each of the graph's {table.Slots} slots, got {of.Length}.", nameof(communities));
        }

        var inside = new double[communities.Count];
        var degree = new double[communities.Count];
        var twoM = 0.0;
        for (var v = 0; v < table.Slots; v++)
        {
            var neighbours = table.NeighboursOf(v);
            var weights = table.WeightsOf(v);
            for (var i = 0; i < neighbours.Length; i++)
            {
                twoM += weights[i];
                if (of[v] >= 0)
                {
                    degree[of[v]] += weights[i];
                    inside[of[v]] += of[neighbours[i]] == of[v] ? weights[i] : 0;
                }
            }
        }

        if (twoM == 0)
        {
            return 0;
        }

        var q = 0.0;
        for (var c = 0; c < inside.Length; c++)
        {
            q += inside[c] / twoM - resolution * (degree[c] / twoM) * (degree[c] / twoM);
        }

        return q;
    }
}
