using System.CommandLine;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Graph;

/// <summary><c>pulse influencers [--top N]</c>: the most influential customers in the relationship graph.</summary>
internal static class InfluencersCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var top = CommonOptions.Positive("--top", "How many customers to list", 10, max: 1_000);
        var command = new Command("influencers", "List the most influential customers in the relationship graph, most influential first") { top };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            IReadOnlyList<Influencer> influencers;
            try
            {
                influencers = await client.GetInfluencersAsync(parse.GetValue(top), cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            output.Write(InfluencerListView.Render(influencers));
            return CommandActions.Ok;
        }));
        return command;
    }
}
