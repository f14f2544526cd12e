using Pulse.Cli.Models;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Models;

public sealed class ListModelsCommandTests
{
    [Fact]
    public async Task Each_model_is_a_row_with_its_measures_on_one_line()
    {
        await using var server = await FakePulseServer.StartAsync(TestContext.Current.CancellationToken);
        server.ModelsJson = """
            [
              {"name":"clv","version":2,"description":"BG/NBD + Gamma-Gamma lifetime value","publishedAt":"2025-03-01T12:00:00+00:00","requestedBy":"e2e","metrics":{"customers":23570,"bg-nbd-log-likelihood":-9582.4321}},
              {"name":"sentiment","version":3,"description":"ML.NET FeaturizeText","publishedAt":"2025-03-02T08:30:00+00:00","requestedBy":"pulse-cli","metrics":{"macro-f1":0.8311,"accuracy":0.8317,"auc":0.9012}},
              {"name":"churn","version":0,"description":"churn risk (not trained yet)","publishedAt":null,"requestedBy":null,"metrics":{}}
            ]
            """;

        var (code, output) = await CommandHarness.RunAsync(ModelCommand.Create, "model", "list", "--url", server.BaseAddress.ToString());

        Assert.True(code == 0, output);
        var request = Assert.Single(server.ModelRequests);
        Assert.Equal(("GET", "/api/v1/models"), (request.Method, request.Path));
        var sentiment = output.Split('\n').Single(l => l.Contains("sentiment", StringComparison.Ordinal));
        Assert.Contains("2025-03-02 08:30:00 UTC", sentiment, StringComparison.Ordinal);
        Assert.Contains("pulse-cli", sentiment, StringComparison.Ordinal);
        Assert.Contains("accuracy 0.832 · macro-f1 0.831 · auc 0.901", sentiment, StringComparison.Ordinal);
        Assert.Contains("customers 23,570 · bg-nbd-log-likelihood -9,582.4", output, StringComparison.Ordinal);
        Assert.Contains("churn risk (not trained yet)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_are_compact_known_ones_first()
    {
        var compact = ModelListView.Compact(new Dictionary<string, double> { ["brier"] = 0.1371, ["zeta"] = 2, ["auc"] = 0.8512 });

        Assert.Equal("auc 0.851 · brier 0.137 · zeta 2", compact);
        Assert.Equal(string.Empty, ModelListView.Compact(null));
    }
}
