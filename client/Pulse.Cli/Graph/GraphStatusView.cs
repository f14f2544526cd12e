using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Graph;

/// <summary>The output of <c>pulse graph status</c>: the graph's figures in a panel.</summary>
internal static class GraphStatusView
{
    public static IRenderable Render(GraphStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        var reporting = $"{status.ShardsReporting.ToString(CultureInfo.InvariantCulture)} of {status.Shards.ToString(CultureInfo.InvariantCulture)}";
        grid.AddRow("shards reporting", status.ShardsReporting < status.Shards ? $"[yellow]{reporting}[/]" : reporting);
        grid.AddRow("customers", status.Customers.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("arcs", status.Arcs.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("resync epoch", status.Epoch.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("PageRank error bound (L1)", double.IsFinite(status.ErrorBound) ? status.ErrorBound.ToString("0.00e+0", CultureInfo.InvariantCulture) : "—");
        grid.AddRow("communities", status.LastAnalysis is null ? "[grey]— (not analysed yet)[/]" : status.Communities.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("modularity", status.Modularity is { } q && double.IsFinite(q) ? q.ToString("0.000", CultureInfo.InvariantCulture) : "[grey]—[/]");
        grid.AddRow("last analysis", status.LastAnalysis is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "[grey]—[/]");
        return new Panel(grid).Header("relationship graph").Border(BoxBorder.Rounded);
    }
}
