using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary><c>pulse triggers show &lt;id&gt;</c>: one rule, its bookkeeping and its JSON.</summary>
internal static class ShowTriggerCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var id = new Argument<string>("id") { Description = "The rule id" };
        var command = new Command("show", "Show one trigger rule: version, enabled, last change and the rule's JSON") { id };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            var ruleId = parse.GetRequiredValue(id);
            TriggerEntry? entry;
            try
            {
                entry = await client.GetTriggerAsync(ruleId, cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            if (entry is null)
            {
                return ConsoleFailure.Report(output, $"no trigger rule '{ruleId}'");
            }

            TriggerEntryView.Write(output, entry);
            return CommandActions.Ok;
        }));
        return command;
    }
}
