using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Graph;

/// <summary><c>pulse graph status</c>: shards reporting, customers and arcs, resync epoch, PageRank error bound, communities.</summary>
internal static class GraphStatusCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var command = new Command("status", "Show the relationship graph: shards reporting, customers, arcs, resync epoch, PageRank error bound, communities and modularity");
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            GraphStatus status;
            try
            {
                status = await client.GetGraphStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(GraphStatusView.Render(status));
            return CommandActions.Ok;
        }));
        return command;
    }
}
