using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Segments;

/// <summary>The output of <c>pulse segments status</c>: the model's figures, then flushes per second by silo.</summary>
internal static class SegmentStatusView
{
    public static IRenderable Render(SegmentationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("model version", status.Version.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("seeded", status.Seeded ? "[green]yes[/]" : "[yellow]no[/] (segments not formed yet)");
        grid.AddRow("sample points", status.SamplePoints.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("points applied", status.PointsApplied.ToString("N0", CultureInfo.InvariantCulture));

        var rates = status.FlushesPerSecondBySilo ?? new Dictionary<string, double>();
        if (rates.Count == 0)
        {
            return new Rows(Model(grid), new Markup("[grey]no silo has sent a mini-batch in the last minute[/]"));
        }

        // Column headings rather than a title: Spectre wraps a title to the table's width, and silo names are short.
        var silos = new Table().Border(TableBorder.Rounded)
            .AddColumn("silo").AddColumn(new TableColumn("flushes/s, last minute").RightAligned());
        foreach (var (silo, rate) in rates.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            silos.AddRow(Markup.Escape(silo), double.IsFinite(rate) ? rate.ToString("0.00", CultureInfo.InvariantCulture) : "—");
        }

        return new Rows(Model(grid), silos);
    }

    private static Panel Model(Grid grid) => new Panel(grid).Header("segmentation model").Border(BoxBorder.Rounded);
}
