using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Import;

/// <summary>The progress bar of an import and the summary it ends with.</summary>
internal static class ImportView
{
    public static ImportFile ReadWithStatus(string name, Func<ImportFile> read) =>
        AnsiConsole.Status().Start($"Reading {Markup.Escape(name)}…", _ => read());

    public static Task<ImportOutcome> SendWithProgressAsync(long rows, Func<IProgress<long>, Task<ImportOutcome>> send) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("sending in event-time order", maxValue: Math.Max(1, rows));
                var outcome = await send(new TaskProgress(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return outcome;
            });

    public static IRenderable Summary(ImportOutcome o)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]import {Markup.Escape(o.SourceName)}[/]")
            .AddColumn("rows").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("read", $"{o.RowsRead:N0}");
        table.AddRow("unreadable (not sent)", o.Invalid > 0 ? $"[red]{o.Invalid:N0}[/]" : "0");
        table.AddRow("sent", $"{o.Sent:N0}");
        table.AddRow("accepted", $"[green]{o.Accepted:N0}[/]");
        table.AddRow("duplicates (already there)", $"{o.Duplicates:N0}");
        table.AddRow("rejected", o.Rejected > 0 ? $"[red]{o.Rejected:N0}[/]" : "0");
        if (o.NotSent > 0)
        {
            table.AddRow("not sent", $"[yellow]{o.NotSent:N0}[/]");
        }

        var rate = o.Elapsed > TimeSpan.Zero ? o.Sent / o.Elapsed.TotalSeconds : 0;
        table.AddRow("time", $"{Shell.Durations.Format(o.Elapsed)} ({rate:N0} rows/s)");

        var parts = new List<IRenderable> { table };
        if (o.Problems.Count > 0)
        {
            var problems = new Table().Border(TableBorder.Simple).Title("[red]first problems[/]")
                .AddColumn(new TableColumn("row").RightAligned()).AddColumn("column").AddColumn("reason");
            foreach (var p in o.Problems)
            {
                problems.AddRow($"{p.Row:N0}", Markup.Escape(p.Column ?? "—"), Markup.Escape(p.Reason));
            }

            parts.Add(problems);
        }

        if (o.StoppedBecause is { } why)
        {
            parts.Add(new Markup(
                $"[yellow]Stopped early:[/] {Markup.Escape(why)}\nRe-running the same import is safe: rows already applied come back as duplicates.\n"));
        }

        return new Rows(parts);
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
