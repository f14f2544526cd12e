using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Models;

/// <summary>A version the registry published: its number, lineage and held-out measures.</summary>
internal static class PublishedModelView
{
    /// <summary>The order measures are listed in; others follow in the server's order.</summary>
    private static readonly string[] MetricOrder =
        ["accuracy", "macro-f1", "auc", "pr-auc", "brier", "log-loss", "base-rate", "calibration-error"];

    public static IRenderable Render(PublishedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]version[/]", $"[bold yellow]{model.Version.ToString(CultureInfo.InvariantCulture)}[/]");
        foreach (var (name, value) in Ordered(model.Metrics))
        {
            grid.AddRow(Markup.Escape(name), ModelOptions.Measure(value));
        }

        grid.AddRow("rows", $"{model.TrainingRows:N0} training, {model.HoldoutRows:N0} held out");
        grid.AddRow("data", Markup.Escape(model.Data));
        grid.AddRow("data sha256", Markup.Escape(model.DataSha256));
        grid.AddRow("trainer", Markup.Escape(model.Trainer));
        grid.AddRow("seed", model.Seed.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("published", $"{Time(model.PublishedAt)} by {Markup.Escape(model.RequestedBy)}");
        grid.AddRow("artifact", $"{model.ArtifactBytes:N0} bytes, sha256 {Markup.Escape(model.ArtifactSha256)}");
        return new Panel(grid).Header($"{Markup.Escape(model.Name)} model published").Border(BoxBorder.Rounded);
    }

    /// <summary>The known measures in <see cref="MetricOrder"/>, then any others as the server listed them (lifetime value's size first).</summary>
    public static IEnumerable<KeyValuePair<string, double>> Ordered(IReadOnlyDictionary<string, double>? metrics) =>
        metrics is null
            ? []
            : metrics.OrderBy(m => Array.IndexOf(MetricOrder, m.Key) is var i and >= 0 ? i : MetricOrder.Length);

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
