using System.CommandLine;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Feed;

/// <summary><c>pulse feed</c>: streams the synthetic population to the server at a steady rate.</summary>
internal static class FeedCommand
{
    public static Command Create(Option<Uri> url)
    {
        var customers = CommonOptions.Positive("--customers", "Size of the simulated population", 10_000);
        var rate = new Option<double>("--rate")
        {
            Description = "Target events per second; 0 sends as fast as the server accepts",
            DefaultValueFactory = _ => 1_000,
            HelpName = "EV_PER_S",
        };
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var v && (!(v >= 0) || double.IsInfinity(v)))
            {
                r.AddError("--rate must be 0 (unlimited) or a positive number of events per second.");
            }
        });
        var duration = CommonOptions.Duration("--duration", "Stop after this long (20s, 5m, ...); default: run until Ctrl-C");
        var count = new Option<long?>("--count") { Description = "Stop after this many events", HelpName = "N" };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 1)
            {
                r.AddError("--count must be at least 1.");
            }
        });
        var batch = CommonOptions.Positive("--batch", "Largest batch per POST", 500, max: 10_000);
        var seed = new Option<int?>("--seed") { Description = "Simulator seed (default: random; the summary shows it)", HelpName = "S" };
        var concurrency = CommonOptions.Positive("--concurrency", "POSTs in flight at once", 4, max: 256);
        var prefix = new Option<string>("--prefix") { Description = "Customer id prefix", DefaultValueFactory = _ => "c-", HelpName = "P" };

        var command = new Command("feed", "Stream synthetic web, call-centre and store interactions to Pulse")
        {
            customers, rate, duration, count, batch, seed, concurrency, prefix,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(duration) is { Implicit: false } && r.GetResult(count) is { Implicit: false })
            {
                r.AddError("Give --duration or --count, not both.");
            }
        });

        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(rate);
            var settings = new FeedSettings
            {
                Customers = parse.GetValue(customers),
                CustomerPrefix = parse.GetValue(prefix) ?? "c-",
                Rate = target > 0 ? target : null,
                Duration = parse.GetValue(duration),
                Count = parse.GetValue(count),
                BatchSize = parse.GetValue(batch),
                Concurrency = parse.GetValue(concurrency),
                Seed = parse.GetValue(seed) ?? Random.Shared.Next(),
            };
            var server = parse.GetRequiredValue(url);
            using var client = await ServerConnection.OpenAsync(server, settings.Concurrency, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                return CommandActions.Failed;
            }

            AnsiConsole.MarkupLine($"Feeding [bold]{Markup.Escape(server.ToString())}[/] — Ctrl-C stops cleanly.");
            var statistics = new FeedStatistics(TimeProvider.System) { Retries = () => client.Retries };
            var runner = new FeedRunner(client, TimeProvider.System);
            await FeedView.ShowWhileAsync("pulse feed", settings, statistics,
                () => runner.RunAsync(settings, statistics, cancellationToken)).ConfigureAwait(false);

            var result = statistics.Snapshot();
            AnsiConsole.Write(FeedView.Summary("pulse feed", settings, result));
            if (FeedView.Problems(result) is { } problems)
            {
                AnsiConsole.Write(problems);
            }

            return result.Failed > 0 || result.Rejected > 0 ? CommandActions.Failed : CommandActions.Ok;
        }));
        return command;
    }
}
