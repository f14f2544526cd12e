using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Import;

/// <summary>The summary of <c>pulse import-attributes</c>: rows against events, the server's answer, and what went wrong where.</summary>
internal static class AttributeImportView
{
    /// <summary>Rows shown per kind of problem.</summary>
    public const int MaxShown = 10;

    public static IRenderable Summary(AttributeFile file, ImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(outcome);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]import-attributes {Markup.Escape(outcome.SourceName)}[/]")
            .AddColumn(string.Empty).AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("rows read", $"{file.RowsRead:N0}");
        table.AddRow("rows skipped (not sent)", file.SkippedCount > 0 ? $"[red]{file.SkippedCount:N0}[/]" : "0");
        table.AddRow("events sent", $"{outcome.Sent:N0}" + (file.SplitRows > 0 ? $" ({file.SplitRows:N0} wide rows split)" : string.Empty));
        table.AddRow("accepted", $"[green]{outcome.Accepted:N0}[/]");
        table.AddRow("duplicates (already imported)", $"{outcome.Duplicates:N0}");
        table.AddRow("rejected", outcome.Rejected > 0 ? $"[red]{outcome.Rejected:N0}[/]" : "0");
        if (outcome.NotSent > 0)
        {
            table.AddRow("not sent", $"[yellow]{outcome.NotSent:N0}[/]");
        }

        table.AddRow("time", Shell.Durations.Format(outcome.Elapsed));

        var parts = new List<IRenderable> { table };
        if (file.Skipped.Count > 0)
        {
            parts.Add(Skipped(file.Skipped, file.SkippedCount));
        }

        if (outcome.Problems.Count > 0)
        {
            parts.Add(Problems("[red]rejected by the server[/]", outcome.Problems, outcome.Problems.Count));
        }

        if (outcome.StoppedBecause is { } why)
        {
            parts.Add(new Markup(
                $"[yellow]Stopped early:[/] {Markup.Escape(why)}\nRe-running the same import is safe: events already applied come back as duplicates.\n"));
        }

        return new Rows(parts);
    }

    public static IRenderable Skipped(IReadOnlyList<ImportError> skipped, long total) => Problems("[red]rows skipped[/]", skipped, total);

    private static Table Problems(string title, IReadOnlyList<ImportError> problems, long total)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title)
            .AddColumn(new TableColumn("line").RightAligned()).AddColumn("column").AddColumn("reason");
        foreach (var p in problems.Take(MaxShown))
        {
            table.AddRow($"{p.Row:N0}", Markup.Escape(p.Column ?? "—"), Markup.Escape(p.Reason));
        }

        if (total > MaxShown)
        {
            table.Caption($"[grey]and {total - MaxShown:N0} more[/]");
        }

        return table;
    }
}
