using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Segments;

/// <summary>
/// The output of <c>pulse segments suggest-k</c>: one row per k with its inertia drawn as a bar, the
/// silhouette, the elbow and the best silhouette marked; then one line of advice.
/// </summary>
internal static class KSuggestionView
{
    /// <summary>Characters of the longest inertia bar.</summary>
    internal const int BarWidth = 40;

    /// <summary>The configuration key the advice names.</summary>
    public const string Setting = "Pulse:Segments:K";

    public static IRenderable Render(KSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var choices = suggestion.Choices ?? [];
        var largest = choices.Select(c => c.Inertia).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var table = new Table().Border(TableBorder.Rounded).Title("choosing k")
            .AddColumn(new TableColumn("k").RightAligned()).AddColumn(new TableColumn("inertia").RightAligned())
            .AddColumn("inertia bar").AddColumn(new TableColumn("silhouette").RightAligned()).AddColumn(string.Empty);
        foreach (var choice in choices)
        {
            var marks = Marks(choice.K, suggestion);
            var colour = marks.Length > 0 ? "yellow" : "blue";
            table.AddRow(
                $"[bold]{choice.K.ToString(CultureInfo.InvariantCulture)}[/]",
                double.IsFinite(choice.Inertia) ? choice.Inertia.ToString("N1", CultureInfo.InvariantCulture) : "—",
                $"[{colour}]{Bar(choice.Inertia, largest)}[/]",
                double.IsFinite(choice.Silhouette) ? choice.Silhouette.ToString("0.000", CultureInfo.InvariantCulture) : "—",
                marks.Length > 0 ? $"[yellow]◀ {marks}[/]" : string.Empty);
        }

        // Notes as lines of their own, not a caption: Spectre wraps a caption to the table's width.
        return new Rows(
            table,
            new Markup($"[grey]batch k-means on {suggestion.SampledCustomers.ToString("N0", CultureInfo.InvariantCulture)} sampled customers; "
                + "pick k where inertia stops falling fast (the elbow), or where the silhouette is highest[/]"),
            new Markup($"[bold]{Markup.Escape(Advice(suggestion.Elbow, suggestion.BestSilhouette))}[/]"));
    }

    /// <summary><c>Set Pulse:Segments:K to 4 (elbow) or 6 (best silhouette)</c>; one number when both agree.</summary>
    public static string Advice(int elbow, int bestSilhouette) => elbow == bestSilhouette
        ? $"Set {Setting} to {elbow.ToString(CultureInfo.InvariantCulture)} (elbow and best silhouette)"
        : $"Set {Setting} to {elbow.ToString(CultureInfo.InvariantCulture)} (elbow) or {bestSilhouette.ToString(CultureInfo.InvariantCulture)} (best silhouette)";

    /// <summary>A bar of full blocks in proportion to <paramref name="largest"/>; at least one block for a positive value.</summary>
    public static string Bar(double value, double largest)
    {
        if (!double.IsFinite(value) || value <= 0 || !(largest > 0))
        {
            return string.Empty;
        }

        var blocks = (int)Math.Round(Math.Min(value / largest, 1) * BarWidth, MidpointRounding.AwayFromZero);
        return new string('█', Math.Max(1, blocks));
    }

    private static string Marks(int k, KSuggestion suggestion) => (k == suggestion.Elbow, k == suggestion.BestSilhouette) switch
    {
        (true, true) => "elbow, best silhouette",
        (true, false) => "elbow",
        (false, true) => "best silhouette",
        _ => string.Empty,
    };
}
