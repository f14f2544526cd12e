using Pulse.Cli.Customers;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Graph;

public sealed class CustomerNetworkCommandTests
{
    internal const string NetworkJson = """
        {"customerId":"c-1","influence":0.0123,"relativeInfluence":3.456,"influencePercentile":92.14,"degree":4,"weightedDegree":3.2109,
         "coreNumber":3,"communityId":"c-9","communitySize":12,"networkValue":1234.567,"churnContagion":0.25,
         "topNeighbours":[
           {"customerId":"c-2","relationship":"referral","direction":"out","weight":1.5,"relativeInfluence":2.5,"lifetimeValue":321.5,"churnProbability":0.8},
           {"customerId":"c-3","relationship":"household","direction":"mutual","weight":0.75,"relativeInfluence":0.9,"lifetimeValue":12,"churnProbability":0.1},
           {"customerId":"c-4","relationship":"mention","direction":"in","weight":0.5}],
         "asOf":"2025-03-01T12:00:00+00:00"}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_header_has_the_figures_and_each_relationship_is_a_row()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((200, NetworkJson));

        var (code, output) = await RunAsync(server, "network", "c-1");

        Assert.True(code == 0, output);
        var request = Assert.Single(server.GraphRequests);
        Assert.Equal(("/api/v1/customers/c-1/network", "?neighbours=50"), (request.Path, request.Query));
        Assert.Contains("network of c-1", output, StringComparison.Ordinal);
        Assert.Matches(@"influence\s+3\.46× average \(PageRank 0\.0123\)", output);
        Assert.Matches(@"percentile\s+more influential than 92\.1 %", output);
        Assert.Matches(@"relationships\s+4 \(weight 3\.21\)", output);
        Assert.Matches(@"community\s+c-9 \(12 members\)", output);
        Assert.Matches(@"core\s+3", output);
        Assert.Matches(@"network value\s+1,234\.57", output);
        Assert.Matches(@"churn contagion\s+25\.0", output);

        var lines = output.Split('\n');
        Assert.Matches(@"c-2\s+│\s+referral\s+│\s+→ out\s+│\s+1\.50\s+│\s+2\.50×\s+│\s+321\.50\s+│\s+80\.0", lines.Single(l => l.Contains("c-2", StringComparison.Ordinal)));
        Assert.Matches(@"c-3\s+│\s+household\s+│\s+↔ mutual\s+│\s+0\.75\s+│\s+0\.90×\s+│\s+12\.00\s+│\s+10\.0", lines.Single(l => l.Contains("c-3", StringComparison.Ordinal)));
        var unknown = lines.Single(l => l.Contains("c-4", StringComparison.Ordinal));
        Assert.Contains("← in", unknown, StringComparison.Ordinal);
        Assert.Equal(3, unknown.Count(c => c == '—'));
        Assert.Contains("3 of 4 relationships, strongest first", output, StringComparison.Ordinal);
        Assert.True(Array.FindIndex(lines, l => l.Contains("c-2", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.Contains("c-4", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Figures_not_computed_yet_show_as_dashes_and_neighbours_is_passed_on()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((200, """
            {"customerId":"c-5","influence":0.00001234,"relativeInfluence":0.5,"degree":0,"weightedDegree":0,"topNeighbours":[],"asOf":"2025-03-01T12:00:00+00:00"}
            """));

        var (code, output) = await RunAsync(server, "network", "c-5", "--neighbours", "7");

        Assert.True(code == 0, output);
        Assert.Equal("?neighbours=7", Assert.Single(server.GraphRequests).Query);
        Assert.Matches(@"influence\s+0\.50× average \(PageRank 1\.23e-5\)", output);
        foreach (var figure in new[] { "percentile", "community", "core", "network value", "churn contagion" })
        {
            Assert.Matches(figure + @"\s+—", output);
        }

        Assert.Contains("no relationships now: every one has ended", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_not_in_the_graph_is_an_error_with_the_servers_reason()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.GraphAnswers.Enqueue((404, """{"title":"Not in the relationship graph","status":404,"detail":"Customer 'c-6' has never had a relationship."}"""));

        var (code, output) = await RunAsync(server, "network", "c-6");

        Assert.Equal(1, code);
        Assert.Contains("error: 404 Not Found: Customer 'c-6' has never had a relationship.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neighbours_out_of_range_is_refused_before_anything_is_sent()
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await RunAsync(server, "network", "c-1", "--neighbours", "1001");

        Assert.NotEqual(0, code);
        Assert.Contains("--neighbours must be between 1 and 1,000", output, StringComparison.Ordinal);
        Assert.Empty(server.GraphRequests);
    }

    [Fact]
    public async Task The_customer_view_shows_a_network_panel_when_the_profile_has_one()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.ProfileJson = $$"""
            {"customerId":"c-1","asOf":"2025-03-01T12:00:00+00:00","firstSeen":"2025-01-01T00:00:00+00:00","lastSeen":"2025-03-01T00:00:00+00:00",
             "interactionCount":12,"lastPosition":40,"features":{},"network":{{NetworkJson}}}
            """;

        var (code, output) = await RunAsync(server, "c-1");

        Assert.True(code == 0, output);
        Assert.Empty(server.GraphRequests);
        Assert.Contains("network", output, StringComparison.Ordinal);
        Assert.Matches(@"influence\s+3\.46× average", output);
        Assert.Contains("→ out c-2 (referral, weight 1.50)", output, StringComparison.Ordinal);
        Assert.Contains("↔ mutual c-3 (household, weight 0.75)", output, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> RunAsync(FakePulseServer server, params string[] args) =>
        CommandHarness.RunAsync(CustomerCommand.Create, ["customer", .. args, "--url", server.BaseAddress.ToString()]);
}
