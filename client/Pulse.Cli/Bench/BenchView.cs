using System.Globalization;
using Spectre.Console;

namespace Pulse.Cli.Bench;

/// <summary>The results table of <c>pulse bench</c>.</summary>
internal static class BenchView
{
    public static Table Render(BenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]pulse bench — {Markup.Escape(report.Url)}[/]")
            .AddColumn("phase").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());

        if (report.Throughput is { } t)
        {
            table.AddRow("throughput", "accepted events/s", $"[bold green]{t.AcceptedPerSecond:N0}[/]");
            table.AddRow(string.Empty, "accepted / sent", $"{t.Accepted:N0} / {t.Sent:N0}");
            table.AddRow(string.Empty, "duplicates · rejected · failed", $"{t.Duplicates:N0} · {Bad(t.Rejected)} · {Bad(t.Failed)}");
            table.AddRow(string.Empty, "retried POSTs (server busy)", $"{t.Retries:N0}");
            table.AddRow(string.Empty, "concurrency × batch", $"{t.Concurrency} × {t.BatchSize:N0}");
            table.AddRow(string.Empty, "duration", $"{t.DurationSeconds:0.0} s");
        }

        if (report.Latency is { } l)
        {
            if (report.Throughput is not null)
            {
                table.AddEmptyRow();
            }

            table.AddRow("latency", "target → achieved rate", $"{l.TargetRate:N0} → {l.AchievedRate:N0} ev/s");
            table.AddRow(string.Empty, "probes (timed out, failed)", $"{l.ProbesSent:N0} ({Bad(l.TimedOut)}, {Bad(l.Failed)})");
            if (l.PostToVisibleMs is { } p)
            {
                table.AddRow(string.Empty, "POST→visible p50", Ms(p.P50));
                table.AddRow(string.Empty, "POST→visible p95", Ms(p.P95));
                table.AddRow(string.Empty, "POST→visible p99", $"[bold]{Ms(p.P99)}[/]");
                table.AddRow(string.Empty, "POST→visible max", Ms(p.Max));
            }
            else
            {
                table.AddRow(string.Empty, "POST→visible", "[red]no probe became visible[/]");
            }
        }

        return table;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Bad(long n) => n > 0 ? $"[red]{n:N0}[/]" : "0";
}
