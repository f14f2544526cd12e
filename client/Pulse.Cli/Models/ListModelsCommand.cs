using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary><c>pulse model list</c>: every model the registry holds, its latest version and that version's measures.</summary>
internal static class ListModelsCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var command = new Command("list", "List the published models (lifetime value, sentiment, churn): latest version and its measures");
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            IReadOnlyList<ModelListing> models;
            try
            {
                models = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(ModelListView.Render(models));
            return CommandActions.Ok;
        }));
        return command;
    }
}
