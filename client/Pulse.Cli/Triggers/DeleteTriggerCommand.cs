using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary><c>pulse triggers delete &lt;id&gt;</c>: removes a rule; an unknown id is an error.</summary>
internal static class DeleteTriggerCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var id = new Argument<string>("id") { Description = "The rule id" };
        var command = new Command("delete", "Delete a trigger rule") { id };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            var ruleId = parse.GetRequiredValue(id);
            bool deleted;
            try
            {
                deleted = await client.DeleteTriggerAsync(ruleId, cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            if (!deleted)
            {
                return ConsoleFailure.Report(output, $"no trigger rule '{ruleId}'");
            }

            output.MarkupLine($"deleted rule [bold]{Markup.Escape(ruleId)}[/]");
            return CommandActions.Ok;
        }));
        return command;
    }
}
