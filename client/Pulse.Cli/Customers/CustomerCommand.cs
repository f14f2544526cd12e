using System.CommandLine;
using Pulse.Cli.Graph;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Customers;

/// <summary>
/// <c>pulse customer &lt;id&gt;</c>: one customer's live profile, RFM and recent interactions; <c>pulse customer
/// network &lt;id&gt;</c>: their place in the relationship graph.
/// </summary>
internal static class CustomerCommand
{
    /// <param name="url">The server the command talks to.</param>
    /// <param name="console">Where the command and its <c>network</c> subcommand write; the process console when null (tests pass their own).</param>
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var id = new Argument<string>("id") { Description = "The customer id" };
        var asOf = CommonOptions.Instant("--as-of", "Show the profile as of this instant (ISO 8601)");
        var recent = CommonOptions.Positive("--recent", "How many recent interactions to list", 15, max: 1_000);
        var command = new Command("customer", "Show a customer's profile: features, RFM and recent interactions") { id, asOf, recent };

        // A token that names a subcommand is read as one, so `pulse customer network c-1` reaches it.
        command.Subcommands.Add(CustomerNetworkCommand.Create(url, console));

        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            var customerId = parse.GetRequiredValue(id);
            using var client = Api.PulseApiClient.Create(parse.GetRequiredValue(url), connections: 2);
            var profileTask = client.GetCustomerAsync(customerId, parse.GetValue(asOf), cancellationToken);
            var interactionsTask = client.GetInteractionsAsync(customerId, cancellationToken);
            var firingsTask = client.GetCustomerTriggersAsync(customerId, 5, cancellationToken);
            var profile = await profileTask.ConfigureAwait(false);
            if (profile is null)
            {
                return ConsoleFailure.Report(output, $"Pulse does not know customer '{customerId}'.");
            }

            IReadOnlyList<Api.LoggedInteraction> interactions = await interactionsTask.ConfigureAwait(false) ?? [];
            if (parse.GetValue(asOf) is { } at)
            {
                // The log endpoint has no as-of; keep the list consistent with the profile shown.
                interactions = [.. interactions.Where(i => i.Timestamp <= at)];
            }

            output.Write(CustomerView.Render(profile, interactions, parse.GetValue(recent), await firingsTask.ConfigureAwait(false)));
            return CommandActions.Ok;
        }));
        return command;
    }
}
