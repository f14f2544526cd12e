using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Bench;

/// <summary><c>pulse bench graph</c>: relationship → the customer's profile shows it, at a fixed rate of relationships on a large graph.</summary>
internal static class GraphBenchCommand
{
    public static Command Create(Option<Uri> url)
    {
        var customers = CommonOptions.Positive("--customers", "Customers in the preloaded graph", 100_000);
        var perCustomer = CommonOptions.Positive("--edges-per-customer", "Relationships each preloaded customer makes (edges = customers × this)", 10, max: 1_000);
        var rate = new Option<double>("--rate") { Description = "Relationships a second while measuring", DefaultValueFactory = _ => 1_000, HelpName = "EDGES_PER_S" };
        rate.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() > 0))
            {
                r.AddError("--rate must be positive.");
            }
        });
        var duration = CommonOptions.Duration("--duration", "Length of the measurement", TimeSpan.FromSeconds(60));
        var probes = CommonOptions.Positive("--probes-per-second", "Probe relationships a second", 10, max: 100);
        var skip = new Option<bool>("--skip-preload") { Description = "Measure on the graph an earlier run preloaded" };
        var command = new Command("graph", "Preload a preferential-attachment graph, then measure relationship → visible on the customer at a fixed rate")
        {
            customers, perCustomer, rate, duration, probes, skip,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var settings = new GraphBenchSettings
            {
                Customers = parse.GetValue(customers),
                EdgesPerCustomer = parse.GetValue(perCustomer),
                Rate = parse.GetValue(rate),
                Duration = parse.GetValue(duration) ?? TimeSpan.FromSeconds(60),
                ProbesPerSecond = parse.GetValue(probes),
                SkipPreload = parse.GetValue(skip),
            };
            var server = parse.GetRequiredValue(url);
            using var client = await ServerConnection.OpenAsync(server, settings.Concurrency + 2, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                return CommandActions.Failed;
            }

            var runner = new GraphBenchRunner(client, TimeProvider.System);
            var result = await runner.RunAsync(settings, line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"), cancellationToken).ConfigureAwait(false);
            AnsiConsole.Write(Render(server, result));
            return result.EdgeToVisibleMs is not null && result.TimedOut == 0 ? CommandActions.Ok : CommandActions.Failed;
        }));
        return command;
    }

    private static Table Render(Uri server, GraphBenchResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]pulse bench graph — {Markup.Escape(server.ToString())}[/]")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("graph", $"{r.Customers:N0} customers, {r.Arcs:N0} arcs");
        table.AddRow("preload · settle", $"{r.PreloadSeconds:0.0} s · {r.SettleSeconds:0.0} s");
        table.AddRow("target → achieved rate", $"{r.TargetRate:N0} → {r.AchievedRate:N0} relationships/s");
        table.AddRow("probes (timed out)", $"{r.ProbesSent:N0} ({r.TimedOut:N0})");
        if (r.EdgeToVisibleMs is { } p)
        {
            table.AddRow("relationship → visible p50", Ms(p.P50));
            table.AddRow("relationship → visible p95", Ms(p.P95));
            table.AddRow("relationship → visible p99", $"[bold]{Ms(p.P99)}[/]");
            table.AddRow("relationship → visible max", Ms(p.Max));
        }

        table.AddRow("error bound after · epoch", $"{r.ErrorBound:E2} · {r.Epoch}");
        return table;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
