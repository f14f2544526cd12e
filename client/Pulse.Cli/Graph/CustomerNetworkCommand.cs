using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Graph;

/// <summary><c>pulse customer network &lt;id&gt;</c>: a customer's influence, community and relationships in the graph.</summary>
internal static class CustomerNetworkCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var id = new Argument<string>("id") { Description = "The customer id" };
        var neighbours = CommonOptions.Positive("--neighbours", "How many relationships to list, strongest first", 50, max: 1_000);
        var command = new Command("network", "Show a customer's place in the relationship graph: influence, percentile, community, core, network value, churn contagion and relationships")
        {
            id,
            neighbours,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            CustomerNetwork network;
            try
            {
                network = await client.GetNetworkAsync(parse.GetRequiredValue(id), parse.GetValue(neighbours), cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(NetworkView.Render(network));
            return CommandActions.Ok;
        }));
        return command;
    }
}
