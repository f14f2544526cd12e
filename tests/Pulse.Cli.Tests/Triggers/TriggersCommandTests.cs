using Pulse.Cli.Tests.Fakes;
using Pulse.Cli.Triggers;

namespace Pulse.Cli.Tests.Triggers;

/// <summary><c>pulse triggers ...</c> against the real host: rules put from files, listed, shown, disabled and deleted.</summary>
public sealed class TriggersCommandTests(TriggerSiloFixture silo) : IClassFixture<TriggerSiloFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pulse-triggers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Put_of_a_bad_rule_prints_each_path_and_message_and_exits_1()
    {
        var file = Write("bad.json", """
            { "id": "cli-bad", "name": "Bad", "category": "service",
              "when": { "all": [ { "fact": "churn.probabilty", "above": 0.7 }, { "fact": "clv.value", "above": 500, "rearmBelow": 600 } ] } }
            """);

        var (code, output) = await RunAsync("put", file);

        Assert.Equal(1, code);
        Assert.Contains("bad.json was not saved", output, StringComparison.Ordinal);
        Assert.Matches(@"when\.all\[0\]\.fact: unknown fact 'churn\.probabilty'.*churn\.probability", output);
        Assert.Contains("when.all[1].rearmBelow: ", output, StringComparison.Ordinal);
        var (showCode, showOutput) = await RunAsync("show", "cli-bad");
        Assert.Equal(1, showCode);
        Assert.Contains("no trigger rule 'cli-bad'", showOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_of_a_file_that_is_not_json_or_has_no_id_names_the_field_without_calling_the_server()
    {
        var (code, output) = await RunAsync("put", Write("broken.json", "{ \"id\": "));
        Assert.Equal(1, code);
        Assert.Contains("$: not valid JSON", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("put", Write("anonymous.json", """{ "name": "n" }"""));
        Assert.Equal(1, code);
        Assert.Contains("id: is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_put_from_a_file_is_listed_shown_disabled_replaced_and_deleted()
    {
        var file = Write("retention.json", """
            { "id": "cli-retention", "name": "Retain valuable customers at risk", "category": "marketing", "priority": 10,
              "when": { "fact": "churn.probability", "above": 0.7, "rearmBelow": 0.6 }, "cooldown": "P7D" }
            """);

        var (code, output) = await RunAsync("put", file);
        Assert.True(code == 0, output);
        Assert.Matches(@"created rule cli-retention \(version \d+, enabled\)", output);

        (code, output) = await RunAsync("list");
        Assert.True(code == 0, output);
        Assert.Matches(@"cli-retention\s+│\s+yes\s+│\s+\d+\s+│\s+10\s+│\s+marketing\s+│\s+Retain valuable customers at risk", output);

        (code, output) = await RunAsync("disable", "cli-retention");
        Assert.True(code == 0, output);
        Assert.Contains("rule cli-retention disabled", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("show", "cli-retention");
        Assert.True(code == 0, output);
        Assert.Matches(@"enabled\s+no", output);
        Assert.Contains("\"cooldown\": \"7d\"", output, StringComparison.Ordinal); // the registry's own form

        (code, output) = await RunAsync("put", file);
        Assert.True(code == 0, output);
        Assert.Contains("replaced rule cli-retention", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("delete", "cli-retention");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("delete", "cli-retention");
        Assert.Equal(1, code);
        Assert.Contains("no trigger rule 'cli-retention'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Firings_show_the_customer_and_why_and_an_unknown_dead_letter_is_refused()
    {
        var file = Write("reviews.json", """{ "id": "cli-reviews", "name": "Each review", "category": "service", "when": { "event": "review" } }""");
        var (code, output) = await RunAsync("put", file);
        Assert.True(code == 0, output);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // every silo's cache takes it

        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var review = $$"""[{"eventId":"cli-review-1","customerId":"cli-reviewer","timestamp":"{{DateTimeOffset.UtcNow:O}}","channel":"web","kind":"review","text":"fine"}]""";
        using (var posted = await http.PostAsync("/api/v1/interactions", new StringContent(review, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
        {
            Assert.True(posted.IsSuccessStatusCode);
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        do
        {
            (code, output) = await RunAsync("firings", "cli-reviews");
            Assert.True(code == 0, output);
        }
        while (!output.Contains("cli-reviewer", StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline);

        Assert.Contains("cli-reviewer", output, StringComparison.Ordinal);
        Assert.Contains("event review", output, StringComparison.Ordinal);
        Assert.Contains("feed only", output, StringComparison.Ordinal);

        // The customer's card says what fired for them.
        (code, output) = await CommandHarness.RunAsync(Pulse.Cli.Customers.CustomerCommand.Create, ["customer", "cli-reviewer", "--url", silo.BaseAddress.ToString()]);
        Assert.True(code == 0, output);
        Assert.Contains("triggers fired", output, StringComparison.Ordinal);
        Assert.Contains("cli-reviews", output, StringComparison.Ordinal);

        (code, output) = await RunAsync("replay", "987654321");
        Assert.Equal(1, code);
        Assert.Contains("delivery 987654321 is not on the dead-letter list", output, StringComparison.Ordinal);
        (code, output) = await RunAsync("dead-letters");
        Assert.True(code == 0, output);
        Assert.Contains("dead letters: none", output, StringComparison.Ordinal);
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    private Task<(int Code, string Output)> RunAsync(params string[] args) =>
        CommandHarness.RunAsync(TriggersCommand.Create, ["triggers", .. args, "--url", silo.BaseAddress.ToString()]);
}
