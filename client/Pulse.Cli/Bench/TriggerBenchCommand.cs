using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Bench;

/// <summary><c>pulse bench triggers</c>: event accepted → webhook received, under background load with many active rules.</summary>
internal static class TriggerBenchCommand
{
    public static Command Create(Option<Uri> url)
    {
        var rate = new Option<double>("--rate") { Description = "Background events a second", DefaultValueFactory = _ => 5_000, HelpName = "EVENTS_PER_S" };
        rate.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() > 0))
            {
                r.AddError("--rate must be positive.");
            }
        });
        var rules = CommonOptions.Positive("--rules", "Active rules, the probe rule among them", 50, max: 500);
        var customers = CommonOptions.Positive("--customers", "Customers the background events spread over", 10_000);
        var duration = CommonOptions.Duration("--duration", "Length of the measurement", TimeSpan.FromSeconds(60));
        var probes = CommonOptions.Positive("--probes-per-second", "Probe events a second (each fires the probe rule once)", 20, max: 200);
        var port = new Option<int>("--receiver-port") { Description = "Loopback port of the webhook receiver (0: any free port)", DefaultValueFactory = _ => 0 };
        var command = new Command("triggers", "Save typical rules and a probe rule whose webhook is this process, then measure event → webhook under background load")
        {
            rate, rules, customers, duration, probes, port,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var settings = new TriggerBenchSettings
            {
                Rate = parse.GetValue(rate),
                Rules = parse.GetValue(rules),
                Customers = parse.GetValue(customers),
                Duration = parse.GetValue(duration) ?? TimeSpan.FromSeconds(60),
                ProbesPerSecond = parse.GetValue(probes),
                ReceiverPort = parse.GetValue(port),
            };
            var server = parse.GetRequiredValue(url);
            using var client = await ServerConnection.OpenAsync(server, 8, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                return CommandActions.Failed;
            }

            var runner = new TriggerBenchRunner(client, TimeProvider.System);
            var result = await runner.RunAsync(settings, line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"), cancellationToken).ConfigureAwait(false);
            AnsiConsole.Write(Render(server, result));
            return result.EventToWebhookMs is not null && result.ProbesMissing == 0 && result.Duplicates == 0 ? CommandActions.Ok : CommandActions.Failed;
        }));
        return command;
    }

    private static Table Render(Uri server, TriggerBenchResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]pulse bench triggers — {Markup.Escape(server.ToString())}[/]")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("active rules", r.Rules.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("target → achieved rate", $"{r.TargetRate:N0} → {r.AchievedRate:N0} events/s");
        table.AddRow("probes (missing · duplicated)", $"{r.ProbesSent:N0} ({r.ProbesMissing:N0} · {r.Duplicates:N0})");
        table.AddRow("webhooks received", r.WebhooksReceived.ToString("N0", CultureInfo.InvariantCulture));
        if (r.EventToWebhookMs is { } p)
        {
            table.AddRow("event → webhook p50", Ms(p.P50));
            table.AddRow("event → webhook p95", Ms(p.P95));
            table.AddRow("event → webhook p99", $"[bold]{Ms(p.P99)}[/]");
            table.AddRow("event → webhook max", Ms(p.Max));
        }

        return table;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
