using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary><c>pulse triggers enable &lt;id&gt;</c> and <c>pulse triggers disable &lt;id&gt;</c>: one command shape, two names.</summary>
internal static class EnableTriggerCommand
{
    public static Command Create(Option<Uri> url, bool enable, IAnsiConsole? console = null)
    {
        var id = new Argument<string>("id") { Description = "The rule id" };
        var command = new Command(
            enable ? "enable" : "disable",
            enable ? "Enable a trigger rule" : "Disable a trigger rule: it is kept, with its customers' states, but not evaluated")
        {
            id,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            TriggerEntry entry;
            try
            {
                entry = await client.SetTriggerEnabledAsync(parse.GetRequiredValue(id), enable, cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rule [bold]{Markup.Escape(entry.Id)}[/] {(entry.Enabled ? "enabled" : "disabled")} (version {entry.Version})"));
            return CommandActions.Ok;
        }));
        return command;
    }
}
