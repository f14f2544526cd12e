using Pulse.Cli.Api;
using Pulse.Cli.Feed;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Feed;

public sealed class FeedRunnerTests
{
    private static readonly RetryPolicy FastRetry = new(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_counted_feed_delivers_every_event_once_even_when_every_batch_first_meets_a_503()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.FailEveryFirstAttempt = true;
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var statistics = new FeedStatistics(TimeProvider.System) { Retries = () => client.Retries };
        var settings = new FeedSettings { Customers = 300, Rate = null, Count = 3_000, BatchSize = 250, Concurrency = 4, Seed = 3 };

        await new FeedRunner(client, TimeProvider.System).RunAsync(settings, statistics, Token);

        var s = statistics.Snapshot();
        Assert.Equal(3_000, s.Sent);
        Assert.Equal(3_000, s.Accepted);
        Assert.Equal(0, s.Failed);
        Assert.Equal(12, s.Batches);
        Assert.Equal(12, s.Retries);
        Assert.Equal(3_000, server.Events.Count);
        Assert.All(server.Batches, b => Assert.True(b.Count <= 250));
    }

    [Fact]
    public async Task Batches_that_never_get_an_answer_are_counted_as_failed_not_lost()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.FailNext(4, 503);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var statistics = new FeedStatistics(TimeProvider.System);
        var settings = new FeedSettings { Customers = 100, Rate = null, Count = 1_000, BatchSize = 100, Concurrency = 1, Seed = 4 };

        await new FeedRunner(client, TimeProvider.System).RunAsync(settings, statistics, Token);

        var s = statistics.Snapshot();
        Assert.Equal(1_000, s.Sent);
        Assert.Equal(100, s.Failed);
        Assert.Equal(900, s.Accepted);
        Assert.Equal(s.Sent, s.Accepted + s.Duplicates + s.Rejected + s.Failed);
        Assert.Contains(s.Problems, p => p.Contains("gave up after 4 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paced_feed_keeps_to_its_rate()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var statistics = new FeedStatistics(TimeProvider.System);
        var settings = new FeedSettings { Customers = 100, Rate = 4_000, Count = 2_000, BatchSize = 500, Concurrency = 2, Seed = 5 };

        var started = System.Diagnostics.Stopwatch.StartNew();
        await new FeedRunner(client, TimeProvider.System).RunAsync(settings, statistics, Token);

        // 400-event batches at 4,000/s: the first is free, the next four take 0.1 s each.
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(380), $"took only {started.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(2_000, statistics.Snapshot().Accepted);
        Assert.Equal(5, server.Batches.Count);
    }

    [Fact]
    public async Task Stopping_ends_an_open_ended_feed_promptly_with_every_sent_event_accounted_for()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var statistics = new FeedStatistics(TimeProvider.System);
        var settings = new FeedSettings { Customers = 500, Rate = 20_000, BatchSize = 500, Concurrency = 3, Seed = 6 };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = new FeedRunner(client, TimeProvider.System).RunAsync(settings, statistics, stop.Token);
        await Task.Delay(300, Token);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), Token);

        var s = statistics.Snapshot();
        Assert.True(s.Sent > 0);
        Assert.Equal(s.Sent, s.Accepted + s.Duplicates + s.Rejected + s.Failed);
        Assert.Equal(s.Accepted, server.Events.Count);
    }

    [Fact]
    public async Task A_timed_feed_stops_at_its_duration()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var statistics = new FeedStatistics(TimeProvider.System);
        var settings = new FeedSettings { Customers = 100, Rate = 1_000, Duration = TimeSpan.FromMilliseconds(500), Seed = 7 };

        await new FeedRunner(client, TimeProvider.System).RunAsync(settings, statistics, Token).WaitAsync(TimeSpan.FromSeconds(5), Token);

        // At most the free first batch plus 0.5 s at 1,000/s and one batch in the making; fewer on a busy machine.
        Assert.InRange(statistics.Snapshot().Accepted, 200, 700);
    }
}
