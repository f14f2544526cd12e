using System.CommandLine;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>
/// <c>pulse model ...</c>: fit and check the customer-lifetime models. Each subcommand lives in its own
/// file and is added here.
/// </summary>
internal static class ModelCommand
{
    /// <param name="url">The server, for the subcommands that talk to one.</param>
    /// <param name="console">Where the subcommands write; the process console when null (tests pass their own).</param>
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null) =>
        new("model", "Fit and check the customer-lifetime (CLV) models")
        {
            FitClvCommand.Create(url, console),
            ReportClvCommand.Create(console),
        };
}
