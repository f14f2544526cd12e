using System.Text.Json.Nodes;
using Pulse.Cli.Models;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Models;

public sealed class TrainChurnCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_attribute_label_is_sent_as_attribute_name_and_value_with_the_horizon_in_days()
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server, "--label", "attribute:Churn=Yes", "--horizon", "45d", "--holdout", "0.3", "--seed", "11");

        Assert.True(code == 0, output);
        var request = Assert.Single(server.ModelRequests);
        Assert.Equal(("POST", "/api/v1/models/churn/train"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var body = JsonNode.Parse(request.Text)!.AsObject();
        Assert.Equal("attribute", (string?)body["label"]);
        Assert.Equal("Churn", (string?)body["labelAttribute"]);
        Assert.Equal("Yes", (string?)body["positiveValue"]);
        Assert.Equal(45.0, (double)body["horizonDays"]!);
        Assert.Equal(4, (int)body["cutOffs"]!);
        Assert.Equal(0.3, (double)body["holdoutShare"]!);
        Assert.Equal(11, (int)body["seed"]!);
        Assert.Equal("pulse-cli", (string?)body["requestedBy"]);
        Assert.False(body.ContainsKey("spacingDays"));
        Assert.False(body.ContainsKey("lastCutOff"));

        // The published version and its measures.
        Assert.Contains("churn model published", output, StringComparison.Ordinal);
        Assert.Matches(@"version\s+1\b", output);
        foreach (var (metric, value) in new[] { ("auc", "0.8512"), ("pr-auc", "0.6000"), ("brier", "0.1370"), ("log-loss", "0.4200"), ("base-rate", "0.2500"), ("calibration-error", "0.0300") })
        {
            Assert.Matches($@"{metric}\s+{value}", output);
        }

        Assert.Contains("300 training, 100 held out", output, StringComparison.Ordinal);
        Assert.Contains("interaction log: 1000 events of 100 customers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behaviour_labels_send_their_cut_offs_spacing_and_last_cut_off()
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server, "--label", "no-interaction", "--horizon", "36h", "--cutoffs", "6", "--every", "14d", "--last-cutoff", "2024-06-01");

        Assert.True(code == 0, output);
        var body = JsonNode.Parse(Assert.Single(server.ModelRequests).Text)!.AsObject();
        Assert.Equal("no-interaction", (string?)body["label"]);
        Assert.Equal(1.5, (double)body["horizonDays"]!);
        Assert.Equal(6, (int)body["cutOffs"]!);
        Assert.Equal(14.0, (double)body["spacingDays"]!);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)body["lastCutOff"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(body.ContainsKey("labelAttribute"));
        Assert.False(body.ContainsKey("seed"));
    }

    [Fact]
    public async Task A_400_problem_is_shown_with_its_detail()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.ModelAnswers.Enqueue((400, """{"title":"Invalid labelAttribute","status":400,"detail":"labelAttribute: no customer has an attribute 'Churn'."}"""));

        var (code, output) = await RunAsync(server, "--label", "attribute:Churn=Yes");

        Assert.Equal(1, code);
        Assert.Contains("error: the churn model was not trained: 400 Bad Request: labelAttribute: no customer has an attribute 'Churn'.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_422_problem_is_shown_with_its_detail()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.ModelAnswers.Enqueue((422, """{"title":"The churn model could not be trained","status":422,"detail":"The interaction log is empty: there is nothing to learn churn from."}"""));

        var (code, output) = await RunAsync(server);

        Assert.Equal(1, code);
        Assert.Contains("422 Unprocessable Entity: The interaction log is empty", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--label: 'attribute:Churn' is not no-purchase, no-interaction or attribute:NAME=VALUE", "--label", "attribute:Churn")]
    [InlineData("--label: 'churned' is not", "--label", "churned")]
    [InlineData("--horizon: '30' is not a duration from 1d to 3650d", "--horizon", "30")]
    [InlineData("--every: 'soon' is not a duration", "--every", "soon")]
    [InlineData("--cutoffs must be between 2 and 52", "--cutoffs", "1")]
    [InlineData("--holdout: 0 is not a share strictly between 0 and 1", "--holdout", "0")]
    public async Task Bad_options_are_refused_before_anything_is_sent(string message, params string[] args)
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server, args);

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Empty(server.ModelRequests);
    }

    [Theory]
    [InlineData("no-purchase", "no-purchase", null, null)]
    [InlineData("no-interaction", "no-interaction", null, null)]
    [InlineData("attribute:Churn=Yes", "attribute", "Churn", "Yes")]
    [InlineData("attribute: Plan = a=b ", "attribute", "Plan", "a=b")]
    public void Labels_parse_to_the_wire_fields(string text, string label, string? attribute, string? value)
    {
        Assert.True(ChurnLabelChoice.TryParse(text, out var choice));
        Assert.Equal(new ChurnLabelChoice(label, attribute, value), choice);
        Assert.True(ChurnLabelChoice.TryParse(choice.ToString(), out var again));
        Assert.Equal(choice, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("attribute")]
    [InlineData("attribute:=Yes")]
    [InlineData("attribute:Churn=")]
    [InlineData("No-Purchase")]
    public void Other_labels_are_refused(string text) => Assert.False(ChurnLabelChoice.TryParse(text, out _));

    private static Task<(int Code, string Output)> RunAsync(FakePulseServer server, params string[] args) =>
        CommandHarness.RunAsync(ModelCommand.Create, ["model", "train-churn", .. args, "--url", server.BaseAddress.ToString()]);
}
