namespace Pulse.Failover.Tests;

/// <summary>
/// PostgreSQL restarted mid-stream: ingest answers 503 while it is down, the client retries, and every
/// acknowledged event is applied exactly once.
/// </summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task RestartingPostgresMidStreamLosesNothingAcknowledged()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(2, cancellationToken);
        var feed = new AcknowledgedFeed(customers: 150, prefix: "pg-" + Guid.NewGuid().ToString("N")[..6]);
        IReadOnlyList<Uri> Live() => [.. cluster.Silos.Select(s => s.Http)];

        var feeding = feed.RunAsync(TimeSpan.FromSeconds(14), eventsPerSecond: 800, batch: 80, Live, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
        await cluster.Postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        await cluster.Postgres.RestartAsync(cancellationToken);
        await feeding;

        Assert.True(feed.Retries > 0, "the outage never turned a batch away: the test did not test an outage");
        await SiloKillTests.AssertEveryCustomerHoldsExactlyAsync(cluster.Silos[0].Http, feed, TimeSpan.FromSeconds(60), cancellationToken);
        SiloKillTests.Report($"database restart: {feed.Acknowledged} events acknowledged, {feed.Retries} batches retried during the outage");
    }
}
