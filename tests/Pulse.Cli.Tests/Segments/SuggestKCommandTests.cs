using Pulse.Cli.Segments;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Segments;

public sealed class SuggestKCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_k_is_a_row_with_an_inertia_bar_and_the_advice_names_the_elbow_and_the_best_silhouette()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, """
            {"choices":[
              {"k":2,"inertia":4000,"silhouette":0.41},
              {"k":3,"inertia":2000,"silhouette":0.52},
              {"k":4,"inertia":1000,"silhouette":0.58},
              {"k":5,"inertia":900,"silhouette":0.61}
            ],"elbow":4,"bestSilhouette":5,"sampledCustomers":2500}
            """));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "suggest-k", "--max", "5");

        Assert.True(code == 0, output);
        var request = Assert.Single(server.SegmentRequests);
        Assert.Equal(("/api/v1/segments/suggest-k", "?max=5"), (request.Path, request.Query));
        var lines = output.Split('\n');
        var two = lines.Single(l => l.Contains("4,000.0", StringComparison.Ordinal));
        Assert.Contains(new string('█', KSuggestionView.BarWidth), two, StringComparison.Ordinal);
        Assert.Contains("0.410", two, StringComparison.Ordinal);
        var four = lines.Single(l => l.Contains("1,000.0", StringComparison.Ordinal));
        Assert.Contains(new string('█', KSuggestionView.BarWidth / 4) + " ", four, StringComparison.Ordinal);
        Assert.Contains("◀ elbow", four, StringComparison.Ordinal);
        Assert.Contains("◀ best silhouette", lines.Single(l => l.Contains("900.0", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("2,500 sampled customers", output, StringComparison.Ordinal);
        Assert.Contains("Set Pulse:Segments:K to 4 (elbow) or 5 (best silhouette)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_409_prints_the_servers_detail_and_fails()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((409, """{"title":"Not enough customers yet","status":409,"detail":"Only 12 customers sampled; at least 40 are needed for k up to 10."}"""));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "suggest-k");

        Assert.Equal(1, code);
        Assert.Equal("?max=10", Assert.Single(server.SegmentRequests).Query);
        Assert.Contains("error: no suggestion yet: 409 Conflict: Only 12 customers sampled; at least 40 are needed for k up to 10.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("31")]
    public async Task A_max_out_of_range_is_refused_before_anything_is_sent(string max)
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "suggest-k", "--max", max);

        Assert.Equal(1, code);
        Assert.Contains($"--max must be between 2 and 30; got {max}.", output, StringComparison.Ordinal);
        Assert.Empty(server.SegmentRequests);
    }

    [Fact]
    public void One_k_for_both_is_advised_once()
    {
        Assert.Equal("Set Pulse:Segments:K to 6 (elbow and best silhouette)", KSuggestionView.Advice(6, 6));
        Assert.Equal("Set Pulse:Segments:K to 3 (elbow) or 7 (best silhouette)", KSuggestionView.Advice(3, 7));
    }

    [Theory]
    [InlineData(100, 100, KSuggestionView.BarWidth)]
    [InlineData(50, 100, KSuggestionView.BarWidth / 2)]
    [InlineData(0.001, 100, 1)]
    [InlineData(0, 100, 0)]
    [InlineData(double.NaN, 100, 0)]
    public void Bars_are_in_proportion_to_the_largest_inertia(double value, double largest, int blocks) =>
        Assert.Equal(new string('█', blocks), KSuggestionView.Bar(value, largest));
}
