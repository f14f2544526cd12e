using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>The table of <c>pulse model list</c>: one row per model, its measures on one line.</summary>
internal static class ModelListView
{
    public static Table Render(IReadOnlyList<ModelListing> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var table = new Table().Border(TableBorder.Rounded).Title("models")
            .AddColumn("name").AddColumn(new TableColumn("version").RightAligned()).AddColumn("description")
            .AddColumn("published at").AddColumn("requested by").AddColumn("metrics");
        foreach (var model in models)
        {
            var published = model.Version > 0;
            table.AddRow(
                $"[bold]{Markup.Escape(model.Name)}[/]",
                published ? model.Version.ToString(CultureInfo.InvariantCulture) : "[grey]—[/]",
                Markup.Escape(model.Description),
                model.PublishedAt is { } at ? PublishedModelView.Time(at) : "[grey]—[/]",
                Markup.Escape(model.RequestedBy ?? "—"),
                Markup.Escape(Compact(model.Metrics)));
        }

        if (models.Count == 0)
        {
            table.Caption("[grey]the registry holds no models[/]");
        }

        return table;
    }

    /// <summary><c>auc 0.851 · brier 0.137</c>: known measures first, counts as whole numbers.</summary>
    public static string Compact(IReadOnlyDictionary<string, double>? metrics) =>
        string.Join(" · ", PublishedModelView.Ordered(metrics).Select(m => $"{m.Key} {Number(m.Value)}"));

    private static string Number(double value) => value switch
    {
        _ when !double.IsFinite(value) => "—",
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => value.ToString("N0", CultureInfo.InvariantCulture),
        _ when Math.Abs(value) >= 1_000 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
