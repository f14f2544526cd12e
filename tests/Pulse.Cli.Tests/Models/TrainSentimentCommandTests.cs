using Pulse.Analytics.Learning;
using Pulse.Cli.Models;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Models;

/// <summary><c>pulse model train-sentiment</c> on the UCI labelled sentences (linked from Pulse.Analytics.Tests/Data/sentiment).</summary>
public sealed class TrainSentimentCommandTests : IDisposable
{
    private static readonly string Sentences = Path.Combine(AppContext.BaseDirectory, "Data", "sentiment");
    private readonly string _directory = Directory.CreateTempSubdirectory("pulse-train-sentiment-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Training_on_the_uci_sentences_writes_an_artifact_that_reads_back_with_accuracy_of_at_least_080()
    {
        var artifact = Path.Combine(_directory, "models", "sentiment.zip");

        var (code, output) = await RunAsync("--data", Sentences, "--out", artifact);

        Assert.True(code == 0, output);
        var read = ModelArtifact.FromBytes(await File.ReadAllBytesAsync(artifact, Token));
        Assert.Equal("sentiment", read.Manifest.Kind);
        Assert.True(read.Manifest.Metrics["accuracy"] >= 0.80, $"accuracy {read.Manifest.Metrics["accuracy"]:F4}");
        Assert.Equal((2400, 600), (read.Manifest.Data.TrainingRows, read.Manifest.Data.HoldoutRows));
        Assert.Equal("sentiment: UCI Sentiment Labelled Sentences layout", read.Manifest.Data.Description);
        Assert.Equal(64, read.Manifest.Data.Sha256.Length);
        Assert.Contains(read.Manifest.Data.Sha256, output, StringComparison.Ordinal);
        Assert.Contains(read.Manifest.Metrics["accuracy"].ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Contains("macro-F1", output, StringComparison.Ordinal);
        Assert.Contains("AUC", output, StringComparison.Ordinal);
        Assert.Contains("2,400 training, 600 held out", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_posts_the_artifact_as_a_zip_to_the_sentiment_versions_and_prints_the_version()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.ModelAnswers.Enqueue((200, FakePulseServer.Published("/api/v1/models/sentiment/versions", version: 4)));
        var artifact = Path.Combine(_directory, "sentiment.zip");

        var (code, output) = await RunAsync("--data", Sentences, "--out", artifact, "--seed", "7", "--holdout", "0.25", "--publish", "--url", server.BaseAddress.ToString());

        Assert.True(code == 0, output);
        var request = Assert.Single(server.ModelRequests);
        Assert.Equal(("POST", "/api/v1/models/sentiment/versions", "?requestedBy=pulse-cli", "application/zip"), (request.Method, request.Path, request.Query, request.ContentType));
        Assert.Equal(await File.ReadAllBytesAsync(artifact, Token), request.Body);
        var manifest = ModelArtifact.FromBytes(request.Body).Manifest;
        Assert.Equal((7, 750), (manifest.Seed, manifest.Data.HoldoutRows));
        Assert.Contains("sentiment model published", output, StringComparison.Ordinal);
        Assert.Matches(@"version\s+4\b", output);
    }

    [Fact]
    public async Task A_missing_data_directory_fails_with_an_error_naming_data()
    {
        var missing = Path.Combine(_directory, "no-such-dir");

        var (code, output) = await RunAsync("--data", missing, "--out", Path.Combine(_directory, "m.zip"));

        Assert.Equal(1, code);
        Assert.Contains($"--data: there is no directory '{missing}'.", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "m.zip")));
    }

    [Fact]
    public async Task A_directory_without_sentence_files_fails_with_an_error_naming_data()
    {
        var (code, output) = await RunAsync("--data", _directory, "--out", Path.Combine(_directory, "m.zip"));

        Assert.Equal(1, code);
        Assert.Contains("error: --data: ", output, StringComparison.Ordinal);
        Assert.Contains("holds no *.txt files", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--holdout: 1 is not a share strictly between 0 and 1", "--holdout", "1")]
    [InlineData("Option '--out' is required.")]
    public async Task Bad_options_are_refused_before_training(string message, params string[] args)
    {
        var (code, output) = await RunAsync(["--data", Sentences, .. args]);

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> RunAsync(params string[] args) =>
        CommandHarness.RunAsync(ModelCommand.Create, ["model", "train-sentiment", .. args]);
}
