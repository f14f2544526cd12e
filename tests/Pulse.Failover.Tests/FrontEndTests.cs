namespace Pulse.Failover.Tests;

/// <summary>
/// Front ends on PostgreSQL log what they accept themselves and hold nothing after acknowledging it:
/// killing one mid-stream loses no acknowledged event, and customers read through the other front end
/// hold exactly what was acknowledged through either.
/// </summary>
public sealed class FrontEndTests
{
    [Fact]
    public async Task KillingAFrontEndMidStreamLosesNoAcknowledgedEvent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(2, cancellationToken);
        var doomed = await cluster.AddFrontEndAsync("front-0", cancellationToken);
        var survivor = await cluster.AddFrontEndAsync("front-1", cancellationToken);
        var feed = new AcknowledgedFeed(customers: 150, prefix: "front-" + Guid.NewGuid().ToString("N")[..6]);
        IReadOnlyList<Uri> Live() => [.. cluster.FrontEnds.Where(f => !f.HasExited).Select(f => f.Http)];

        var feeding = feed.RunAsync(TimeSpan.FromSeconds(12), eventsPerSecond: 800, batch: 80, Live, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        doomed.Kill();
        await feeding;

        Assert.True(doomed.HasExited);
        Assert.True(feed.Acknowledged > 4_000, $"only {feed.Acknowledged} events were acknowledged");
        await SiloKillTests.AssertEveryCustomerHoldsExactlyAsync(survivor.Http, feed, TimeSpan.FromSeconds(60), cancellationToken);
        SiloKillTests.Report($"front end killed: {feed.Acknowledged} events acknowledged through two front ends, {feed.Retries} batches retried");
    }
}
