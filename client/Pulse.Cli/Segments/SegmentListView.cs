using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Segments;

/// <summary>
/// The output of <c>pulse segments list</c>: a header line (model version, seeded, features), a table with
/// one row per segment, and the drift alerts after it.
/// </summary>
internal static class SegmentListView
{
    /// <summary>Traits shown per segment; the server sends them largest first.</summary>
    internal const int TopTraits = 3;

    public static IRenderable Render(SegmentListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var segments = listing.Segments ?? [];
        var parts = new List<IRenderable> { new Markup(Header(listing)) };

        var table = new Table().Border(TableBorder.Rounded).Title("segments")
            .AddColumn(new TableColumn("id").RightAligned()).AddColumn(new TableColumn("size").RightAligned())
            .AddColumn("description").AddColumn("top traits")
            .AddColumn(new TableColumn("mean CLV").RightAligned()).AddColumn(new TableColumn("churn risk").RightAligned())
            .AddColumn(new TableColumn("sentiment").RightAligned())
            .AddColumn(new TableColumn($"drift ({listing.WindowBatches.ToString("N0", CultureInfo.InvariantCulture)} batches)").RightAligned());
        foreach (var segment in segments)
        {
            table.AddRow(
                $"[bold]{segment.Id.ToString(CultureInfo.InvariantCulture)}[/]",
                segment.Size.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(segment.Description),
                Markup.Escape(Traits(segment.Traits)),
                Optional(segment.MeanLifetimeValue, v => v.ToString("N2", CultureInfo.InvariantCulture)),
                Optional(segment.MeanChurnRisk, v => v.ToString("P1", CultureInfo.InvariantCulture)),
                Optional(segment.MeanSentiment, v => v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)),
                segment.Drift is { } drift ? Distance(drift.OverWindow) : "[grey]—[/]");
        }

        parts.Add(table);
        if (segments.Count == 0)
        {
            // A line of its own, not a caption: Spectre wraps a caption to the table's width.
            parts.Add(new Markup(listing.Seeded
                ? "[grey]the model holds no segments[/]"
                : "[grey]not formed yet: segments form once the model has sampled enough customers (see pulse segments status)[/]"));
        }

        var alerts = listing.Alerts ?? [];
        if (alerts.Count > 0)
        {
            parts.Add(new Markup("[bold]drift alerts[/]"));
            parts.AddRange(alerts.Select(a => new Markup(Alert(a))));
        }
        else if (listing.Seeded)
        {
            parts.Add(new Markup("[grey]no drift alerts[/]"));
        }

        return new Rows(parts);
    }

    /// <summary><c>spend-90d +1.2σ · complaints-30d −0.8σ</c>: the first <see cref="TopTraits"/> traits.</summary>
    public static string Traits(IReadOnlyList<SegmentTraitView>? traits) =>
        string.Join(" · ", (traits ?? []).Take(TopTraits).Select(t => $"{t.Feature} {Offset(t.Offset)}"));

    /// <summary>An offset from the mean in standard deviations, signed: <c>+1.2σ</c>, <c>−0.8σ</c>.</summary>
    public static string Offset(double sigmas) =>
        double.IsFinite(sigmas) ? sigmas.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + "σ" : "—";

    /// <summary>How far a centre moved, in standard deviations: <c>0.31σ</c>.</summary>
    public static string Distance(double sigmas) =>
        double.IsFinite(sigmas) ? sigmas.ToString("0.00", CultureInfo.InvariantCulture) + "σ" : "—";

    /// <summary>A UTC time as the CLI prints times.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Header(SegmentListing listing)
    {
        var features = listing.Features ?? [];
        var state = listing.Seeded ? "[green]seeded[/]" : "[yellow]not formed yet[/]";
        var named = features.Count > 0 ? Markup.Escape(string.Join(", ", features)) : "[grey]none[/]";
        return $"[bold]model version {listing.ModelVersion.ToString("N0", CultureInfo.InvariantCulture)}[/] · {state} · "
            + $"{features.Count.ToString(CultureInfo.InvariantCulture)} features: {named}";
    }

    private static string Alert(SegmentDriftAlert alert) =>
        $"[yellow]segment {alert.Segment.ToString(CultureInfo.InvariantCulture)}[/] moved [bold]{Distance(alert.Moved)}[/] "
        + $"within {alert.WindowBatches.ToString("N0", CultureInfo.InvariantCulture)} batches "
        + $"(model version {alert.Version.ToString("N0", CultureInfo.InvariantCulture)}) at {Time(alert.At)}";

    private static string Optional(double? value, Func<double, string> format) =>
        value is { } v && double.IsFinite(v) ? format(v) : "[grey]—[/]";
}
