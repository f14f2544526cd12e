using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Segments;

public sealed class SegmentStatusCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_model_figures_and_flushes_per_second_of_each_silo_are_shown()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, """
            {"version":5321,"seeded":true,"samplePoints":2000,"pointsApplied":1234567,
             "flushesPerSecondBySilo":{"S10.0.0.2:11111:1":0.95,"S10.0.0.1:11111:1":1.0166}}
            """));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "status");

        Assert.True(code == 0, output);
        Assert.Equal("/api/v1/segments/status", Assert.Single(server.SegmentRequests).Path);
        Assert.Matches(@"model version\s+5,321", output);
        Assert.Matches(@"seeded\s+yes", output);
        Assert.Matches(@"sample points\s+2,000", output);
        Assert.Matches(@"points applied\s+1,234,567", output);
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains("S10.0.0.1:11111:1", StringComparison.Ordinal));
        var second = Array.FindIndex(lines, l => l.Contains("S10.0.0.2:11111:1", StringComparison.Ordinal));
        Assert.True(first >= 0 && first < second, output);
        Assert.Contains("1.02", lines[first], StringComparison.Ordinal);
        Assert.Contains("0.95", lines[second], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_fed_by_no_silo_says_so()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.SegmentAnswers.Enqueue((200, """{"version":0,"seeded":false,"samplePoints":12,"pointsApplied":0,"flushesPerSecondBySilo":{}}"""));

        var (code, output) = await ListSegmentsCommandTests.RunAsync(server, "status");

        Assert.True(code == 0, output);
        Assert.Contains("no (segments not formed yet)", output, StringComparison.Ordinal);
        Assert.Contains("no silo has sent a mini-batch in the last minute", output, StringComparison.Ordinal);
    }
}
