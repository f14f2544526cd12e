using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary><c>pulse triggers list</c>: every rule, one row each.</summary>
internal static class ListTriggersCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var command = new Command("list", "List the trigger rules: id, enabled, version, priority, category, name, last change");
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            TriggerListing listing;
            try
            {
                listing = await client.ListTriggersAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(TriggerListView.Render(listing));
            return CommandActions.Ok;
        }));
        return command;
    }
}
