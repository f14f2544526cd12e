namespace Pulse.Failover.Tests;

/// <summary>A silo stopped with SIGTERM mid-stream hands over its work: nothing acknowledged is lost.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task StoppingASiloGracefullyMidStreamLosesNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(3, cancellationToken);
        var feed = new AcknowledgedFeed(customers: 150, prefix: "term-" + Guid.NewGuid().ToString("N")[..6]);
        var leaving = cluster.Silos[2];
        IReadOnlyList<Uri> Live() => [.. cluster.Silos.Where(s => s != leaving).Select(s => s.Http)];

        var feeding = feed.RunAsync(TimeSpan.FromSeconds(12), eventsPerSecond: 800, batch: 80, Live, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
        await leaving.StopAsync(TimeSpan.FromSeconds(60));
        await feeding;

        Assert.True(leaving.HasExited);
        await SiloKillTests.AssertEveryCustomerHoldsExactlyAsync(cluster.Silos[0].Http, feed, TimeSpan.FromSeconds(60), cancellationToken);
        SiloKillTests.Report($"graceful stop: {feed.Acknowledged} events acknowledged, {feed.Retries} batches retried");
    }
}
