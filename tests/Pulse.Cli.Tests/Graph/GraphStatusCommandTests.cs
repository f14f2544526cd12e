using Pulse.Cli.Graph;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Graph;

public sealed class GraphStatusCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_graphs_figures_are_shown()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((200, """
            {"shards":8,"shardsReporting":8,"customers":12345,"arcs":45678,"epoch":2,"errorBound":0.00000123,
             "communities":17,"modularity":0.4123,"lastAnalysis":"2025-03-01T12:00:00+00:00"}
            """));

        var (code, output) = await RunAsync(server);

        Assert.True(code == 0, output);
        Assert.Equal("/api/v1/graph/status", Assert.Single(server.GraphRequests).Path);
        Assert.Matches(@"shards reporting\s+8 of 8", output);
        Assert.Matches(@"customers\s+12,345", output);
        Assert.Matches(@"arcs\s+45,678", output);
        Assert.Matches(@"resync epoch\s+2", output);
        Assert.Matches(@"PageRank error bound \(L1\)\s+1\.23e-6", output);
        Assert.Matches(@"communities\s+17", output);
        Assert.Matches(@"modularity\s+0\.412", output);
        Assert.Matches(@"last analysis\s+2025-03-01 12:00:00 UTC", output);
    }

    [Fact]
    public async Task A_graph_not_analysed_yet_says_so()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((200, """{"shards":8,"shardsReporting":3,"customers":0,"arcs":0,"epoch":1,"errorBound":0,"communities":0}"""));

        var (code, output) = await RunAsync(server);

        Assert.True(code == 0, output);
        Assert.Matches(@"shards reporting\s+3 of 8", output);
        Assert.Matches(@"communities\s+— \(not analysed yet\)", output);
        Assert.Matches(@"modularity\s+—", output);
    }

    [Fact]
    public async Task A_server_without_the_graph_is_an_error()
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server);

        Assert.Equal(1, code);
        Assert.Contains("error: 404 Not Found: nothing scripted for this graph request", output, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> RunAsync(FakePulseServer server) =>
        CommandHarness.RunAsync(GraphCommand.Create, ["graph", "status", "--url", server.BaseAddress.ToString()]);
}
