using System.CommandLine;
using Spectre.Console;

namespace Pulse.Cli.Segments;

/// <summary>
/// <c>pulse segments ...</c>: the live customer segments: what they are, who is in them, how the model is
/// fed and how many to have. Each subcommand lives in its own file and is added here.
/// </summary>
internal static class SegmentsCommand
{
    /// <param name="url">The server the subcommands talk to.</param>
    /// <param name="console">Where the subcommands write; the process console when null (tests pass their own).</param>
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null) =>
        new("segments", "Inspect the live customer segments: list them, page through their customers, check the model, choose k")
        {
            ListSegmentsCommand.Create(url, console),
            SegmentCustomersCommand.Create(url, console),
            SuggestKCommand.Create(url, console),
            SegmentStatusCommand.Create(url, console),
        };
}
