using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Segments;

/// <summary><c>pulse segments list</c>: every segment with its description, traits, live means and drift, then the drift alerts.</summary>
internal static class ListSegmentsCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var command = new Command("list", "List the segments: size, description, top traits, mean CLV, churn risk and sentiment, drift; then drift alerts");
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            SegmentListing listing;
            try
            {
                listing = await client.ListSegmentsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(SegmentListView.Render(listing));
            return CommandActions.Ok;
        }));
        return command;
    }
}
