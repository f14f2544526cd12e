using System.CommandLine;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary><c>pulse triggers ...</c>: the trigger rules: list, show, put, delete, enable and disable. Each subcommand lives in its own file and is added here.</summary>
internal static class TriggersCommand
{
    /// <param name="url">The server the subcommands talk to.</param>
    /// <param name="console">Where the subcommands write; the process console when null (tests pass their own).</param>
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null) =>
        new("triggers", "Manage the real-time trigger rules (list, show, put from a JSON file, delete, enable, disable) and see what fired (firings, dead-letters, replay)")
        {
            ListTriggersCommand.Create(url, console),
            ShowTriggerCommand.Create(url, console),
            PutTriggerCommand.Create(url, console),
            DeleteTriggerCommand.Create(url, console),
            EnableTriggerCommand.Create(url, true, console),
            EnableTriggerCommand.Create(url, false, console),
            TriggerFiringsCommand.Firings(url, console),
            TriggerFiringsCommand.DeadLetters(url, console),
            TriggerFiringsCommand.Replay(url, console),
        };
}
