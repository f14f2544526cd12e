using System.Globalization;
using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

/// <summary>
/// The graphs in Data/graphs (see each folder's SOURCE.md) loaded into a <see cref="RelationshipGraph"/>:
/// every edge strengthened once at <see cref="At"/>, so every weight is 1, and customers added in the
/// order the files number them (slot = vertex − first vertex).
/// </summary>
internal static class GraphFiles
{
    public static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string PathOf(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Data", "graphs", folder, file);

    /// <summary>Zachary's karate club: 34 members "1".."34" (slot = member − 1), 78 undirected friendships.</summary>
    public static RelationshipGraph Karate()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        for (var v = 1; v <= 34; v++)
        {
            graph.AddCustomer(Id(v));
        }

        foreach (var line in Lines("karate-club", "karate_undirected.csv"))
        {
            var parts = line.Split('\t');
            graph.Strengthen(parts[0], parts[1], RelationshipKind.Other, At);
        }

        return graph;
    }

    /// <summary>The karate reference: per member (slot = member − 1), NetworkX's default-tolerance and converged PageRank.</summary>
    public static (double[] Default, double[] Converged) KarateReference()
    {
        var rows = Lines("karate-club", "karate_pagerank_reference.csv").Skip(1).Select(l => l.Split(',')).ToArray();
        return ([.. rows.Select(r => Number(r[2]))], [.. rows.Select(r => Number(r[3]))]);
    }

    /// <summary>SNAP email-Eu-core: people "0".."1004" (slot = person), 25,571 directed arcs, 642 of them self-loops.</summary>
    public static RelationshipGraph Email()
    {
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = true, MutualKinds = new HashSet<RelationshipKind>() });
        for (var v = 0; v <= 1004; v++)
        {
            graph.AddCustomer(Id(v));
        }

        foreach (var line in Lines("email-eu-core", "email-Eu-core.csv"))
        {
            var parts = line.Split(' ');
            graph.Strengthen(parts[0], parts[1], RelationshipKind.Other, At);
        }

        return graph;
    }

    /// <summary>The email reference generated with NetworkX (see its SOURCE.md): default-tolerance and converged PageRank per person.</summary>
    public static (double[] Default, double[] Converged) EmailReference()
    {
        var rows = Lines("email-eu-core", "email-Eu-core_pagerank_networkx.csv").Skip(1).Select(l => l.Split(',')).ToArray();
        return ([.. rows.Select(r => Number(r[1]))], [.. rows.Select(r => Number(r[2]))]);
    }

    /// <summary>Department per person of email-Eu-core (the ground-truth communities).</summary>
    public static int[] EmailDepartments() =>
        [.. Lines("email-eu-core", "email-Eu-core-department-labels.txt").Select(l => int.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture))];

    /// <summary>An LDBC Graphalytics example graph (vertex file, edge file with unused weights).</summary>
    public static RelationshipGraph LdbcExample(string name, bool directed)
    {
        var graph = LdbcGraph(directed);
        foreach (var line in Lines("ldbc-graphalytics-pagerank", name + ".v"))
        {
            graph.AddCustomer(line.Trim());
        }

        foreach (var line in Lines("ldbc-graphalytics-pagerank", name + ".e"))
        {
            var parts = line.Split(' ');
            graph.Strengthen(parts[0], parts[1], RelationshipKind.Other, At);
        }

        return graph;
    }

    /// <summary>An LDBC Graphalytics PageRank validation graph (adjacency lists; an undirected one lists each edge both ways).</summary>
    public static RelationshipGraph LdbcValidation(string name, bool directed)
    {
        var graph = LdbcGraph(directed);
        var rows = Lines("ldbc-graphalytics-pagerank", name).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        foreach (var row in rows)
        {
            graph.AddCustomer(row[0]);
        }

        foreach (var row in rows)
        {
            foreach (var neighbour in row.Skip(1))
            {
                graph.Strengthen(row[0], neighbour, RelationshipKind.Other, At);
            }
        }

        return graph;
    }

    /// <summary>An LDBC expected output: vertex → PageRank.</summary>
    public static Dictionary<string, double> LdbcOutput(string file) =>
        Lines("ldbc-graphalytics-pagerank", file).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => Number(p[1]));

    public static string Id(int vertex) => vertex.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every arc of the graph as (from slot, to slot, weight), for the test-side references.</summary>
    public static List<(int From, int To, double Weight)> Arcs(RelationshipGraph graph)
    {
        var view = new QuikGraphView(graph);
        return [.. view.Vertices.SelectMany(view.OutEdges).Select(a => (a.Source, a.Target, a.Weight))];
    }

    private static RelationshipGraph LdbcGraph(bool directed) =>
        new(new RelationshipGraphOptions { Directed = directed, MutualKinds = new HashSet<RelationshipKind>() });

    private static IEnumerable<string> Lines(string folder, string file) =>
        File.ReadLines(PathOf(folder, file)).Where(l => l.Length > 0);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
