using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Segments;

/// <summary><c>pulse segments status</c>: the segmentation model's version, whether it is seeded, its sample, and how often each silo feeds it.</summary>
internal static class SegmentStatusCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var command = new Command("status", "Show how the segmentation model is fed: version, seeded, sample points, points applied, mini-batches per second per silo");
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            SegmentationStatus status;
            try
            {
                status = await client.GetSegmentationStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(SegmentStatusView.Render(status));
            return CommandActions.Ok;
        }));
        return command;
    }
}
