using System.CommandLine;
using System.Net;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Segments;

/// <summary>
/// <c>pulse segments suggest-k</c>: batch k-means on the model's sample for k = 2..max, with inertia (the
/// elbow) and silhouette side by side, and which <c>Pulse:Segments:K</c> to set.
/// </summary>
internal static class SuggestKCommand
{
    /// <summary>The server clusters the sample once per k: more than the usual 60 s may be needed on a large sample.</summary>
    public static readonly TimeSpan SuggestTimeout = TimeSpan.FromMinutes(5);

    public const int MinK = 2;
    public const int MaxK = 30;

    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var max = new Option<int>("--max") { Description = $"The largest k to try ({MinK}–{MaxK})", DefaultValueFactory = _ => 10, HelpName = "K" };
        max.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < MinK or > MaxK)
            {
                result.AddError($"--max must be between {MinK} and {MaxK}; got {value}.");
            }
        });
        var command = new Command("suggest-k", "Try k = 2..max on the model's sample: inertia (elbow) and silhouette, and which Pulse:Segments:K to set") { max };

        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1, timeout: SuggestTimeout);
            KSuggestion suggestion;
            try
            {
                suggestion = await client.SuggestKAsync(parse.GetValue(max), cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex) when (ex.Status == HttpStatusCode.Conflict)
            {
                return ConsoleFailure.Report(output, $"no suggestion yet: {ex.Message}");
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ConsoleFailure.Report(output, $"no answer within {SuggestTimeout.TotalMinutes:0} minutes; try a smaller --max.");
            }

            output.Write(KSuggestionView.Render(suggestion));
            return CommandActions.Ok;
        }));
        return command;
    }
}
