using System.Globalization;
using Pulse.Analytics.Sentiment;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Models;

/// <summary>A sentiment model trained here: where its artifact went, what it learned from and how it did on the held-out sentences.</summary>
internal static class TrainSentimentView
{
    public static IRenderable Render(SentimentTraining training, string path, long bytes)
    {
        ArgumentNullException.ThrowIfNull(training);
        var manifest = training.Artifact.Manifest;
        var metrics = training.Metrics;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]accuracy[/]", $"[bold yellow]{ModelOptions.Measure(metrics.Accuracy)}[/]");
        grid.AddRow("macro-F1", ModelOptions.Measure(metrics.MacroF1));
        grid.AddRow("AUC", ModelOptions.Measure(metrics.AreaUnderRoc));
        grid.AddRow("rows", $"{metrics.TrainingRows:N0} training, {metrics.HoldoutRows:N0} held out");
        grid.AddRow("data", Markup.Escape(manifest.Data.Description));
        grid.AddRow("data sha256", manifest.Data.Sha256);
        grid.AddRow("seed", manifest.Seed.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("trainer", Markup.Escape(manifest.Trainer));
        grid.AddRow("artifact", $"{Markup.Escape(path)} ({bytes:N0} bytes)");
        return new Panel(grid).Header("sentiment model (held-out measures)").Border(BoxBorder.Rounded);
    }
}
