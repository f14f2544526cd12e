using System.CommandLine;
using System.Text.Json;
using Pulse.Cli.Api;
using Pulse.Cli.Feed;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Bench;

/// <summary><c>pulse bench</c>: measured throughput, then POST→visible latency under a fixed load.</summary>
internal static class BenchCommand
{
    public static Command Create(Option<Uri> url)
    {
        var duration = CommonOptions.Duration("--duration", "Length of each phase", TimeSpan.FromSeconds(20));
        var rate = new Option<double>("--rate") { Description = "Paced load during the latency phase, events/s", DefaultValueFactory = _ => 5_000, HelpName = "EV_PER_S" };
        rate.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() > 0))
            {
                r.AddError("--rate must be positive.");
            }
        });
        var concurrency = CommonOptions.Positive("--concurrency", "POSTs in flight at once", 8, max: 256);
        var batch = CommonOptions.Positive("--batch", "Events per POST", 1_000, max: 10_000);
        var customers = CommonOptions.Positive("--customers", "Size of the simulated population", 20_000);
        var probes = new Option<double>("--probes-per-second") { Description = "Latency probes per second", DefaultValueFactory = _ => 20, HelpName = "N" };
        probes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var v && (!(v > 0) || v > 1_000))
            {
                r.AddError("--probes-per-second must be between 0 (exclusive) and 1,000.");
            }
        });
        var warmup = CommonOptions.Duration("--warmup", "Paced load before the latency probes start", TimeSpan.FromSeconds(3));
        var phase = new Option<string>("--phase") { Description = "Which phases to run", DefaultValueFactory = _ => "both" };
        phase.AcceptOnlyFromAmong("both", "throughput", "latency");
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file", HelpName = "FILE" };

        var command = new Command("bench", "Measure accepted events/s, then POST→visible latency at a fixed rate")
        {
            duration, rate, concurrency, batch, customers, probes, warmup, phase, json,
        };
        command.Subcommands.Add(GraphBenchCommand.Create(url));
        command.Subcommands.Add(TriggerBenchCommand.Create(url));
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var which = parse.GetValue(phase);
            var settings = new BenchSettings
            {
                Duration = parse.GetValue(duration) ?? TimeSpan.FromSeconds(20),
                Rate = parse.GetValue(rate),
                Concurrency = parse.GetValue(concurrency),
                BatchSize = parse.GetValue(batch),
                Customers = parse.GetValue(customers),
                ProbesPerSecond = parse.GetValue(probes),
                Warmup = parse.GetValue(warmup) ?? TimeSpan.FromSeconds(3),
                Throughput = which is "both" or "throughput",
                Latency = which is "both" or "latency",
            };
            var server = parse.GetRequiredValue(url);
            using var client = await ServerConnection.OpenAsync(server, settings.Concurrency + 1, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                return CommandActions.Failed;
            }

            var started = DateTimeOffset.UtcNow;
            var runner = new BenchRunner(client, TimeProvider.System);
            ThroughputResult? throughput = null;
            LatencyResult? latency = null;
            if (settings.Throughput)
            {
                throughput = await runner.ThroughputAsync(settings,
                    (feed, stats, run) => FeedView.ShowWhileAsync("throughput: as fast as accepted", feed, stats, run),
                    cancellationToken).ConfigureAwait(false);
            }

            if (settings.Latency && !cancellationToken.IsCancellationRequested)
            {
                latency = await runner.LatencyAsync(settings,
                    (feed, stats, run) => FeedView.ShowWhileAsync($"latency: probing under {settings.Rate:N0} ev/s", feed, stats, run),
                    cancellationToken).ConfigureAwait(false);
            }

            var report = new BenchReport(server.ToString(), started, settings.Customers, throughput, latency);
            AnsiConsole.Write(BenchView.Render(report));
            if (parse.GetValue(json) is { } file)
            {
                await using var stream = file.Create();
                var options = new JsonSerializerOptions(PulseJsonContext.Default.Options) { WriteIndented = true };
                await JsonSerializer.SerializeAsync(stream, report, options.GetTypeInfo(typeof(BenchReport)), cancellationToken).ConfigureAwait(false);
                AnsiConsole.MarkupLine($"Results written to [bold]{Markup.Escape(file.FullName)}[/].");
            }

            var healthy = (throughput is null || throughput.Failed == 0 && throughput.Rejected == 0)
                && (latency is null || latency.PostToVisibleMs is not null && latency.Failed == 0);
            return healthy ? CommandActions.Ok : CommandActions.Failed;
        }));
        return command;
    }
}
