using Pulse.Cli.Graph;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Graph;

public sealed class InfluencersCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_influencers_are_rows_most_influential_first_with_their_rank()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((200, """
            [{"customerId":"hub","influence":0.2,"relativeInfluence":40,"degree":15,"communityId":"hub"},
             {"customerId":"c-7","influence":0.05,"relativeInfluence":10.5,"degree":3}]
            """));

        var (code, output) = await RunAsync(server, "--top", "3");

        Assert.True(code == 0, output);
        var request = Assert.Single(server.GraphRequests);
        Assert.Equal(("/api/v1/influencers", "?top=3"), (request.Path, request.Query));
        var lines = output.Split('\n');
        Assert.Matches(@"1\s+│\s+hub\s+│\s+40\.00×\s+│\s+0\.2000\s+│\s+15\s+│\s+hub", lines.Single(l => l.Contains("40.00×", StringComparison.Ordinal)));
        Assert.Matches(@"2\s+│\s+c-7\s+│\s+10\.50×\s+│\s+0\.0500\s+│\s+3\s+│\s+—", lines.Single(l => l.Contains("c-7", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_default_is_ten_and_an_empty_graph_says_so()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((200, "[]"));

        var (code, output) = await RunAsync(server);

        Assert.True(code == 0, output);
        Assert.Equal("?top=10", Assert.Single(server.GraphRequests).Query);
        Assert.Contains("the relationship graph is empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_out_of_range_is_refused_naming_the_option()
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server, "--top", "0");

        Assert.NotEqual(0, code);
        Assert.Contains("--top must be between 1 and 1,000", output, StringComparison.Ordinal);
        Assert.Empty(server.GraphRequests);
    }

    private static Task<(int Code, string Output)> RunAsync(FakePulseServer server, params string[] args) =>
        CommandHarness.RunAsync(InfluencersCommand.Create, ["influencers", .. args, "--url", server.BaseAddress.ToString()]);
}
