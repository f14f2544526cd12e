using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>
/// <c>pulse model train-churn</c>: asks the cluster to train the churn model on its interaction log
/// (point-in-time rows at cut-offs, or a CRM attribute as the label), measure it and publish it.
/// </summary>
internal static class TrainChurnCommand
{
    /// <summary>Training reads the whole log and fits trees: minutes on a large cluster, so far more than the usual 60 s.</summary>
    public static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(30);

    private const double MaxDays = 3_650;
    private static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(30);

    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var label = new Option<ChurnLabelChoice>("--label")
        {
            Description = "What churn means: no purchase (default) or no interaction within the horizon after a cut-off, or a CRM attribute, e.g. attribute:Churn=Yes",
            HelpName = "no-purchase|no-interaction|attribute:NAME=VALUE",
            DefaultValueFactory = _ => ChurnLabelChoice.Default,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (ChurnLabelChoice.TryParse(text, out var choice))
                {
                    return choice;
                }

                result.AddError($"--label: '{text}' is not no-purchase, no-interaction or attribute:NAME=VALUE (e.g. attribute:Churn=Yes).");
                return ChurnLabelChoice.Default;
            },
        };
        var horizon = Days("--horizon", "How long without a purchase (or interaction) counts as churn (default 30d)");
        var cutOffs = new Option<int>("--cutoffs") { Description = "Cut-offs to take rows at; the last is held out to measure the model", DefaultValueFactory = _ => 4, HelpName = "N" };
        cutOffs.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 2 or > 52)
            {
                result.AddError($"--cutoffs must be between 2 and 52 (the last is held out, the others train); got {value}.");
            }
        });
        var every = Days("--every", "Time between cut-offs (default: the horizon)");
        var lastCutOff = CommonOptions.Instant("--last-cutoff", "The last cut-off (ISO 8601); default: the latest event minus the horizon");
        var holdout = ModelOptions.Holdout("With an attribute label: the share of customers held out (stratified) to measure the model");
        var seed = new Option<int?>("--seed") { Description = "Seed of the split and the learner (default: the server's)", HelpName = "N" };

        var command = new Command("train-churn", "Train the churn model on the cluster's interaction log, measure it on held-out rows and publish it")
        {
            label, horizon, cutOffs, every, lastCutOff, holdout, seed,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            var choice = parse.GetValue(label) ?? ChurnLabelChoice.Default;
            var payload = new ChurnTrainPayload(
                choice.Label,
                (parse.GetValue(horizon) ?? DefaultHorizon).TotalDays,
                parse.GetValue(cutOffs),
                parse.GetValue(every)?.TotalDays,
                parse.GetValue(lastCutOff)?.ToString("O", CultureInfo.InvariantCulture),
                choice.Attribute,
                choice.PositiveValue,
                parse.GetValue(holdout),
                parse.GetValue(seed),
                ModelOptions.RequestedBy);

            var server = parse.GetRequiredValue(url);
            output.MarkupLine(Markup.Escape($"Training the churn model on {server} ({Describe(choice)}); this can take minutes…"));
            using var client = PulseApiClient.Create(server, connections: 1, timeout: TrainingTimeout);
            PublishedModel model;
            try
            {
                model = await client.TrainChurnAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, $"the churn model was not trained: {ex.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ConsoleFailure.Report(output, $"no answer within {TrainingTimeout.TotalMinutes:0} minutes; the server may still finish and publish the version (see pulse model list).");
            }

            output.Write(PublishedModelView.Render(model));
            return CommandActions.Ok;
        }));
        return command;
    }

    private static string Describe(ChurnLabelChoice choice) => choice.Label == ChurnLabelChoice.AttributeLabel
        ? $"churned when {choice.Attribute} = {choice.PositiveValue}"
        : choice.Label;

    /// <summary>A duration option read in days: <c>30d</c>, <c>36h</c>, <c>2.5d</c>; at least a day, the server's lower bound.</summary>
    private static Option<TimeSpan?> Days(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (Durations.TryParse(text, out var duration) && duration.TotalDays is >= 1 and <= MaxDays)
            {
                return duration;
            }

            result.AddError($"{name}: '{text}' is not a duration from 1d to {MaxDays.ToString(CultureInfo.InvariantCulture)}d (e.g. 30d or 36h; a bare number is seconds).");
            return null;
        },
    };
}
