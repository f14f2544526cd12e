using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Segments;

public sealed class SegmentCustomersCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task All_follows_the_next_cursor_to_the_last_page()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, Page(3, "c-2", ("c-1", 1.4231), ("c-2", 0.5))));
        server.SegmentAnswers.Enqueue((200, Page(3, null, ("c-3", 2.0))));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "customers", "3", "--limit", "2", "--all");

        Assert.True(code == 0, output);
        var requests = server.SegmentRequests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("/api/v1/segments/3/customers", r.Path));
        Assert.Equal("?limit=2", requests[0].Query);
        Assert.Equal("?limit=2&after=c-2", requests[1].Query);

        var lines = output.Split('\n');
        Assert.Matches(@"^customer\s+distance\s+since", lines[0]);
        Assert.Matches(@"^c-1\s+1\.42\s+2025-03-01 12:00:00 UTC", lines[1]);
        Assert.Matches(@"^c-2\s+0\.50\s", lines[2]);
        Assert.Matches(@"^c-3\s+2\.00\s", lines[3]);
        Assert.Single(lines, l => l.StartsWith("customer", StringComparison.Ordinal));
        Assert.Contains("3 customers of segment 3; no more pages", output, StringComparison.Ordinal);
        Assert.DoesNotContain("next:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_page_prints_the_next_cursor_and_the_command_that_follows_it()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, Page(0, "c-9", ("c-8", 1), ("c-9", 1))));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "customers", "0", "--limit", "2", "--after", "c-7");

        Assert.True(code == 0, output);
        Assert.Equal("?limit=2&after=c-7", Assert.Single(server.SegmentRequests).Query);
        Assert.Contains("2 customers of segment 0", output, StringComparison.Ordinal);
        Assert.Contains("next: c-9 (pulse segments customers 0 --after c-9)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_segment_says_so()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, """{"segment":5,"customers":[]}"""));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "customers", "5", "--all");

        Assert.True(code == 0, output);
        Assert.Equal("?limit=100", Assert.Single(server.SegmentRequests).Query);
        Assert.Contains("segment 5 has no customers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_does_not_move_stops_the_walk()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, Page(1, "c-1", ("c-1", 1))));
        server.SegmentAnswers.Enqueue((200, Page(1, "c-1", ("c-1", 1))));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "customers", "1", "--limit", "1", "--all");

        Assert.Equal(1, code);
        Assert.Contains("error: the server's next cursor 'c-1' does not move on; stopped after 2 customers.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--limit must be between 1 and 1,000", "2", "--limit", "1001")]
    [InlineData("id: -1 is not a segment number", "-1")]
    public async Task Bad_arguments_are_refused_before_anything_is_sent(string message, params string[] args)
    {
        await using var server = await FakePulseServer.StartAsync(Token);

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, ["customers", .. args]);

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Empty(server.SegmentRequests);
    }

    private static string Page(int segment, string? next, params (string Id, double Distance)[] customers)
    {
        var rows = string.Join(",", customers.Select(c =>
            $$"""{"customerId":"{{c.Id}}","segment":{{segment}},"distance":{{c.Distance.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"modelVersion":7,"since":"2025-03-01T12:00:00+00:00","assignedAt":"2025-03-01T12:05:00+00:00"}"""));
        var cursor = next is null ? string.Empty : $$""","next":"{{next}}" """;
        return $$"""{"segment":{{segment}},"customers":[{{rows}}]{{cursor}}}""";
    }
}
