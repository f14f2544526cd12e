using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary>
/// <c>pulse triggers firings &lt;id&gt;</c> (a rule's firings), <c>pulse triggers dead-letters</c> (deliveries that
/// ran out of attempts) and <c>pulse triggers replay &lt;deliveryId&gt;</c> (try a dead letter again).
/// </summary>
internal static class TriggerFiringsCommand
{
    public static Command Firings(Option<Uri> url, IAnsiConsole? console = null)
    {
        var id = new Argument<string>("id") { Description = "The rule id" };
        var limit = CommonOptions.Positive("--limit", "How many, newest first", 20, max: 1_000);
        var command = new Command("firings", "A rule's firings, newest first: customer, why, and where each webhook delivery stands") { id, limit };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            var ruleId = parse.GetRequiredValue(id);
            try
            {
                var firings = await client.GetTriggerFiringsAsync(ruleId, parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
                output.Write(TriggerFiringsView.Render($"firings of {ruleId}", firings));
                output.WriteLine();
                return CommandActions.Ok;
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }
        }));
        return command;
    }

    public static Command DeadLetters(Option<Uri> url, IAnsiConsole? console = null)
    {
        var limit = CommonOptions.Positive("--limit", "How many, newest first", 20, max: 1_000);
        var command = new Command("dead-letters", "Webhook deliveries that ran out of attempts (replay one with `pulse triggers replay <deliveryId>`)") { limit };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            try
            {
                var dead = await client.GetTriggerDeadLettersAsync(parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
                output.Write(TriggerFiringsView.Render("dead letters", dead));
                output.WriteLine();
                return CommandActions.Ok;
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }
        }));
        return command;
    }

    public static Command Replay(Option<Uri> url, IAnsiConsole? console = null)
    {
        var delivery = new Argument<long>("deliveryId") { Description = "The dead letter's delivery number (from `pulse triggers dead-letters`)" };
        var command = new Command("replay", "Try a dead-lettered webhook delivery again, at once, with its attempts counted afresh") { delivery };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            var number = parse.GetRequiredValue(delivery);
            try
            {
                if (!await client.ReplayTriggerDeliveryAsync(number, cancellationToken).ConfigureAwait(false))
                {
                    return ConsoleFailure.Report(output, $"delivery {number} is not on the dead-letter list");
                }

                output.MarkupLine($"delivery {number} is being tried again");
                return CommandActions.Ok;
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }
        }));
        return command;
    }
}
