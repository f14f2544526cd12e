using Pulse.Cli.Api;
using Pulse.Cli.Segments;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Segments;

public sealed class ListSegmentsCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_segment_is_a_row_with_its_description_traits_and_means_and_the_alerts_follow()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, """
            {
              "modelVersion": 1234, "seeded": true, "features": ["purchases-90d", "spend-90d", "complaints-30d"], "windowBatches": 60,
              "segments": [
                {"id": 0, "size": 1520, "weight": 812.5, "description": "frequent web buyers, high value, low complaints",
                 "traits": [{"feature": "spend-90d", "offset": 1.24}, {"feature": "complaints-30d", "offset": -0.81}, {"feature": "purchases-90d", "offset": 0.66}, {"feature": "calls-30d", "offset": 0.5}],
                 "centre": {"purchases-90d": 6, "spend-90d": 420.5, "complaints-30d": 0.1},
                 "meanLifetimeValue": 1234.567, "meanChurnRisk": 0.0731, "meanSentiment": 0.42,
                 "drift": {"lastBatch": 0.01, "overWindow": 0.31, "sinceReference": 0.5}},
                {"id": 1, "size": 37, "weight": 20, "description": "unhappy callers",
                 "traits": [{"feature": "complaints-30d", "offset": 2.1}],
                 "centre": {"purchases-90d": 0, "spend-90d": 0, "complaints-30d": 4},
                 "drift": {"lastBatch": 0.2, "overWindow": 0.92, "sinceReference": 1.1}}
              ],
              "alerts": [{"segment": 1, "moved": 0.92, "windowBatches": 60, "version": 1200, "at": "2025-03-01T12:00:00+00:00"}]
            }
            """));

        var (code, output) = await RunAsync(server, "list");

        Assert.True(code == 0, output);
        var request = Assert.Single(server.SegmentRequests);
        Assert.Equal(("GET", "/api/v1/segments"), (request.Method, request.Path));
        Assert.Contains("model version 1,234 · seeded · 3 features: purchases-90d, spend-90d, complaints-30d", output, StringComparison.Ordinal);
        var first = output.Split('\n').Single(l => l.Contains("frequent web buyers", StringComparison.Ordinal));
        Assert.Contains("1,520", first, StringComparison.Ordinal);
        Assert.Contains("spend-90d +1.2σ · complaints-30d −0.8σ · purchases-90d +0.7σ", first, StringComparison.Ordinal);
        Assert.DoesNotContain("calls-30d", first, StringComparison.Ordinal);
        Assert.Contains("1,234.57", first, StringComparison.Ordinal);
        Assert.Contains("7.3", first, StringComparison.Ordinal);
        Assert.Contains("%", first, StringComparison.Ordinal);
        Assert.Contains("+0.42", first, StringComparison.Ordinal);
        Assert.Contains("0.31σ", first, StringComparison.Ordinal);
        var second = output.Split('\n').Single(l => l.Contains("unhappy callers", StringComparison.Ordinal));
        Assert.Contains("complaints-30d +2.1σ", second, StringComparison.Ordinal);
        Assert.Equal(3, second.Count(c => c == '—'));
        Assert.Contains("drift (60 batches)", output, StringComparison.Ordinal);

        // The alerts come after the table.
        var alerts = output.IndexOf("drift alerts", StringComparison.Ordinal);
        Assert.True(alerts > output.IndexOf("unhappy callers", StringComparison.Ordinal), output);
        Assert.Contains("segment 1 moved 0.92σ within 60 batches (model version 1,200) at 2025-03-01 12:00:00 UTC", output[alerts..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_has_not_seeded_says_the_segments_are_not_formed_yet()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, """{"modelVersion":0,"seeded":false,"features":["spend-90d"],"windowBatches":60,"segments":[],"alerts":[]}"""));

        var (code, output) = await RunAsync(server, "list");

        Assert.True(code == 0, output);
        Assert.Contains("model version 0 · not formed yet · 1 features: spend-90d", output, StringComparison.Ordinal);
        Assert.Contains("not formed yet: segments form once the model has sampled enough customers", output, StringComparison.Ordinal);
        Assert.DoesNotContain("drift alerts", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_segments_is_an_error()
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server, "list");

        Assert.Equal(1, code);
        Assert.Contains("error: 404 Not Found: nothing scripted for this segment request", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.24, "+1.2σ")]
    [InlineData(-0.81, "−0.8σ")]
    [InlineData(-0.04, "0.0σ")]
    [InlineData(double.NaN, "—")]
    public void Offsets_are_signed_standard_deviations(double offset, string text) =>
        Assert.Equal(text, SegmentListView.Offset(offset));

    [Fact]
    public void Traits_are_the_first_three_joined_by_dots()
    {
        Assert.Equal("a +1.0σ · b −2.0σ · c +0.5σ", SegmentListView.Traits([new("a", 1), new("b", -2), new("c", 0.5), new("d", 0.5)]));
        Assert.Equal(string.Empty, SegmentListView.Traits(null));
    }

    internal static Task<(int Code, string Output)> RunAsync(FakePulseServer server, params string[] args) =>
        CommandHarness.RunAsync(SegmentsCommand.Create, ["segments", .. args, "--url", server.BaseAddress.ToString()]);
}
