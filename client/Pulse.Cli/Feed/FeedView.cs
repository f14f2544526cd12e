using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Feed;

/// <summary>The live display of a running feed and the table it ends with.</summary>
internal static class FeedView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="run"/> while redrawing its counters four times a second.</summary>
    public static async Task ShowWhileAsync(string title, FeedSettings settings, FeedStatistics statistics, Func<Task> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            await LogWhileAsync(title, statistics, run).ConfigureAwait(false);
            return;
        }

        var meter = new RateMeter(TimeSpan.FromSeconds(2));
        var first = statistics.Snapshot();
        await AnsiConsole.Live(Render(title, settings, first, 0))
            .AutoClear(false)
            .StartAsync(async context =>
            {
                var running = run();
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(Refresh)).ConfigureAwait(false);
                    var snapshot = statistics.Snapshot();
                    context.UpdateTarget(Render(title, settings, snapshot, meter.Observe(snapshot.Elapsed, snapshot.Accepted)));
                }

                await running.ConfigureAwait(false);
            })
            .ConfigureAwait(false);
    }

    /// <summary>Without a terminal to redraw (output piped, CI), one line every few seconds instead.</summary>
    private static async Task LogWhileAsync(string title, FeedStatistics statistics, Func<Task> run)
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(5));
        meter.Observe(TimeSpan.Zero, 0);
        var running = run();
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            if (!running.IsCompleted)
            {
                var s = statistics.Snapshot();
                AnsiConsole.MarkupLine(
                    $"{Markup.Escape(title)}: {Shell.Durations.Format(s.Elapsed)} sent {s.Sent:N0} accepted {s.Accepted:N0} "
                    + $"duplicates {s.Duplicates:N0} rejected {s.Rejected:N0} failed {s.Failed:N0} retries {s.Retries:N0} · {meter.Observe(s.Elapsed, s.Accepted):N0} ev/s");
            }
        }

        await running.ConfigureAwait(false);
    }

    /// <summary>The closing table of a feed.</summary>
    public static Table Summary(string title, FeedSettings settings, FeedSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("elapsed", Shell.Durations.Format(s.Elapsed));
        table.AddRow("target rate", settings.Rate is { } rate ? $"{rate:N0} ev/s" : "as fast as accepted");
        table.AddRow("achieved rate (sent)", $"{s.SentPerSecond:N0} ev/s");
        table.AddRow("accepted rate", $"[green]{s.AcceptedPerSecond:N0} ev/s[/]");
        table.AddRow("sent", $"{s.Sent:N0} in {s.Batches:N0} batches");
        table.AddRow("accepted", $"[green]{s.Accepted:N0}[/]");
        table.AddRow("duplicates", $"{s.Duplicates:N0}");
        table.AddRow("rejected", s.Rejected > 0 ? $"[red]{s.Rejected:N0}[/]" : "0");
        table.AddRow("failed (no answer)", s.Failed > 0 ? $"[red]{s.Failed:N0} in {s.FailedBatches:N0} batches[/]" : "0");
        table.AddRow("retries", $"{s.Retries:N0}");
        if (s.AckLatency is { } ack)
        {
            table.AddRow("POST→acknowledged p50 / p99 / max", $"{ack.P50:N1} / {ack.P99:N1} / {ack.Max:N1} ms");
        }

        table.AddRow("customers / seed", $"{settings.Customers:N0} / {settings.Seed.ToString(CultureInfo.InvariantCulture)}");
        return table;
    }

    /// <summary>The first problems seen, if any, as a list under the summary.</summary>
    public static IRenderable? Problems(FeedSnapshot s)
    {
        if (s.Problems.Count == 0)
        {
            return null;
        }

        var rows = s.Problems.Select(p => new Markup($"[red]•[/] {Markup.Escape(p)}")).ToList<IRenderable>();
        return new Panel(new Rows(rows)).Header("first problems").BorderColor(Color.Red);
    }

    private static Panel Render(string title, FeedSettings settings, FeedSnapshot s, double currentRate)
    {
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned())
            .AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("sent", $"{s.Sent:N0}", "rate", $"[bold]{currentRate:N0}[/] ev/s");
        grid.AddRow("accepted", $"[green]{s.Accepted:N0}[/]", "duplicates", $"{s.Duplicates:N0}");
        grid.AddRow("rejected", s.Rejected > 0 ? $"[red]{s.Rejected:N0}[/]" : "0", "failed", s.Failed > 0 ? $"[red]{s.Failed:N0}[/]" : "0");
        grid.AddRow("retries", $"{s.Retries:N0}", "elapsed", Shell.Durations.Format(s.Elapsed));

        var rows = new List<IRenderable> { grid };
        if (Fraction(settings, s) is { } fraction)
        {
            rows.Add(new Markup(Bar(fraction, 40)));
        }

        if (s.LastProblem is { } problem)
        {
            rows.Add(new Markup($"[red]last error:[/] {Markup.Escape(problem)}"));
        }

        return new Panel(new Rows(rows)).Header($"[bold]{Markup.Escape(title)}[/]").Border(BoxBorder.Rounded);
    }

    private static double? Fraction(FeedSettings settings, FeedSnapshot s) =>
        settings.Count is { } count ? (double)s.Sent / count
        : settings.Duration is { } duration ? s.Elapsed / duration
        : null;

    /// <summary>A text progress bar: <c>━━━━────── 40%</c>.</summary>
    internal static string Bar(double fraction, int width)
    {
        var clamped = Math.Clamp(fraction, 0, 1);
        var filled = (int)Math.Round(clamped * width);
        return $"[green]{new string('━', filled)}[/][grey]{new string('─', width - filled)}[/] {clamped * 100:0}%";
    }
}
