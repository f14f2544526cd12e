using System.CommandLine;
using Spectre.Console;

namespace Pulse.Cli.Graph;

/// <summary><c>pulse graph ...</c>: the relationship graph as a whole. Each subcommand lives in its own file and is added here.</summary>
internal static class GraphCommand
{
    /// <param name="url">The server the subcommands talk to.</param>
    /// <param name="console">Where the subcommands write; the process console when null (tests pass their own).</param>
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null) =>
        new("graph", "Inspect the relationship graph as a whole")
        {
            GraphStatusCommand.Create(url, console),
        };
}
