using System.CommandLine;
using Pulse.Analytics.Sentiment;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>
/// <c>pulse model train-sentiment --data DIR --out FILE [--publish]</c>: trains the sentiment model on this
/// machine from labelled sentences, writes the artifact, and optionally publishes it to the cluster. The
/// training runs here, not on the server, because its data are files the server does not have.
/// </summary>
internal static class TrainSentimentCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "A directory of *.txt files in the UCI Sentiment Labelled Sentences layout (a sentence, a TAB, 0 or 1 per line)",
            Required = true,
            HelpName = "DIR",
        };
        data.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<DirectoryInfo>() is { Exists: false } missing)
            {
                result.AddError($"--data: there is no directory '{missing.FullName}'.");
            }
        });
        var artifactFile = new Option<FileInfo>("--out") { Description = "Where to write the model artifact (a zip of manifest.json and the ML.NET model)", Required = true, HelpName = "FILE" };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the holdout split and the learner: the same data and seed train the same model",
            DefaultValueFactory = _ => new SentimentTrainingOptions().Seed,
            HelpName = "N",
        };
        var holdout = ModelOptions.Holdout("Share of the sentences held out (stratified by label) to measure the model");
        var publish = new Option<bool>("--publish") { Description = "Also publish the artifact to the server (--url) as the next sentiment version" };

        var command = new Command("train-sentiment", "Train the sentiment model here from labelled sentences, write its artifact, and optionally publish it")
        {
            data, artifactFile, seed, holdout, publish,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            var directory = parse.GetRequiredValue(data);
            var path = parse.GetRequiredValue(artifactFile).FullName;

            IReadOnlyList<LabelledSentence> sentences;
            try
            {
                sentences = LabelledSentences.ReadDirectory(directory.FullName);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                return ConsoleFailure.Report(output, $"--data: {ex.Message}");
            }

            output.MarkupLine(Markup.Escape($"Training on {sentences.Count:N0} sentences from {directory.FullName}…"));
            SentimentTraining training;
            try
            {
                training = SentimentTrainer.Train(sentences, new SentimentTrainingOptions
                {
                    Seed = parse.GetValue(seed),
                    HoldoutShare = parse.GetValue(holdout),
                    DataDescription = $"{directory.Name}: UCI Sentiment Labelled Sentences layout",
                });
            }
            catch (ArgumentException ex)
            {
                return ConsoleFailure.Report(output, $"--data: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}");
            }

            var bytes = training.Artifact.ToBytes();
            try
            {
                // A fresh checkout has no models/ folder yet; making it is what the user meant.
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ConsoleFailure.Report(output, $"--out: could not write {path}: {ex.Message}");
            }

            output.Write(TrainSentimentView.Render(training, path, bytes.Length));
            if (!parse.GetValue(publish))
            {
                return CommandActions.Ok;
            }

            var server = parse.GetRequiredValue(url);
            using var client = PulseApiClient.Create(server, connections: 1);
            try
            {
                var published = await client.PublishModelAsync("sentiment", bytes, ModelOptions.RequestedBy, cancellationToken).ConfigureAwait(false);
                output.Write(PublishedModelView.Render(published));
                return CommandActions.Ok;
            }
            catch (Exception ex) when (ex is PulseApiException or HttpRequestException)
            {
                // The training is not lost: the artifact can be published later as it is.
                return ConsoleFailure.Report(output, $"the artifact is in {path} but was not published to {server}: {ex.Message}");
            }
        }));
        return command;
    }
}
