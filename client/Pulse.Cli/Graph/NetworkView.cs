using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Graph;

/// <summary>
/// The output of <c>pulse customer network</c> (the customer's figures, then a table of their relationships),
/// and the network panel of <c>pulse customer</c>. Figures the graph has not computed yet show as —.
/// </summary>
internal static class NetworkView
{
    /// <summary>Relationships listed in the customer view's panel; <c>pulse customer network</c> lists them all.</summary>
    internal const int PanelNeighbours = 5;

    /// <summary>A churn risk from this probability is shown in red, as the graph's default contagion threshold counts it.</summary>
    private const double HighRisk = 0.5;

    public static IRenderable Render(CustomerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var neighbours = network.TopNeighbours ?? [];
        var header = new Panel(Figures(network)).Header($"network of {Markup.Escape(network.CustomerId)}").Border(BoxBorder.Rounded);

        // Column headings rather than a title: Spectre wraps a title to the table's width.
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("customer").AddColumn("relationship").AddColumn("direction")
            .AddColumn(new TableColumn("weight").RightAligned()).AddColumn(new TableColumn("influence").RightAligned())
            .AddColumn(new TableColumn("CLV").RightAligned()).AddColumn(new TableColumn("churn").RightAligned());
        foreach (var n in neighbours)
        {
            table.AddRow(
                Markup.Escape(n.CustomerId),
                Markup.Escape(n.Relationship),
                Direction(n.Direction),
                n.Weight.ToString("0.00", CultureInfo.InvariantCulture),
                Optional(n.RelativeInfluence, Relative),
                Optional(n.LifetimeValue, v => v.ToString("N2", CultureInfo.InvariantCulture)),
                Optional(n.ChurnProbability, Risk));
        }

        var shown = $"{neighbours.Count.ToString("N0", CultureInfo.InvariantCulture)} of {network.Degree.ToString("N0", CultureInfo.InvariantCulture)} relationships, strongest first";
        return neighbours.Count == 0
            ? new Rows(header, new Markup($"[grey]{(network.Degree == 0 ? "no relationships now: every one has ended" : shown)}[/]"))
            : new Rows(header, table, new Markup($"[grey]{shown}[/]"));
    }

    /// <summary>The network panel of <c>pulse customer</c>: the figures, then the strongest few relationships one a line.</summary>
    public static Panel Panel(CustomerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var lines = (network.TopNeighbours ?? []).Take(PanelNeighbours)
            .Select(n => new Markup($"{Direction(n.Direction)} {Markup.Escape(n.CustomerId)} [grey]({Markup.Escape(n.Relationship)}, weight {n.Weight.ToString("0.00", CultureInfo.InvariantCulture)})[/]"))
            .ToList<IRenderable>();
        return new Panel(new Rows([Figures(network), .. lines])).Header("network").Border(BoxBorder.Rounded);
    }

    /// <summary>Influence, percentile, relationships, community, core, network value, churn contagion and when.</summary>
    internal static Grid Figures(CustomerNetwork network)
    {
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("influence", $"[bold]{Relative(network.RelativeInfluence)}[/] average (PageRank {Share(network.Influence)})");
        grid.AddRow("percentile", Optional(network.InfluencePercentile, p => $"more influential than {p.ToString("0.0", CultureInfo.InvariantCulture)} %"));
        grid.AddRow("relationships", $"{network.Degree.ToString("N0", CultureInfo.InvariantCulture)} (weight {network.WeightedDegree.ToString("0.00", CultureInfo.InvariantCulture)})");
        grid.AddRow("community", network.CommunityId is { } community
            ? $"{Markup.Escape(community)} ({(network.CommunitySize ?? 0).ToString("N0", CultureInfo.InvariantCulture)} members)"
            : "[grey]—[/]");
        grid.AddRow("core", network.CoreNumber is { } core ? core.ToString(CultureInfo.InvariantCulture) : "[grey]—[/]");
        grid.AddRow("network value", Optional(network.NetworkValue, v => $"[green]{v.ToString("N2", CultureInfo.InvariantCulture)}[/]"));
        grid.AddRow("churn contagion", Optional(network.ChurnContagion, Risk));
        grid.AddRow("as of", network.AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        return grid;
    }

    /// <summary><c>→ out</c> (from this customer), <c>← in</c>, <c>↔ mutual</c>.</summary>
    internal static string Direction(string direction) => direction switch
    {
        "out" => "→ out",
        "in" => "← in",
        "mutual" => "↔ mutual",
        _ => Markup.Escape(direction),
    };

    /// <summary>Influence relative to an average customer: <c>3.45×</c>.</summary>
    internal static string Relative(double relative) =>
        double.IsFinite(relative) ? relative.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    /// <summary>A PageRank share: four decimals, or scientific when smaller than that shows.</summary>
    internal static string Share(double influence) =>
        influence is > 0 and < 0.0001
            ? influence.ToString("0.00e+0", CultureInfo.InvariantCulture)
            : influence.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Risk(double probability) =>
        probability >= HighRisk
            ? $"[red]{probability.ToString("P1", CultureInfo.InvariantCulture)}[/]"
            : probability.ToString("P1", CultureInfo.InvariantCulture);

    private static string Optional(double? value, Func<double, string> format) =>
        value is { } v && double.IsFinite(v) ? format(v) : "[grey]—[/]";
}
