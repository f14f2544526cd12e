using Pulse.Cli.Api;
using Pulse.Cli.Bench;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Bench;

public sealed class LatencyProbeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_probe_measures_post_to_visible_including_the_servers_delay()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.VisibilityDelay = TimeSpan.FromMilliseconds(30);
        using var client = PulseApiClient.Create(server.BaseAddress);
        var probe = new LatencyProbe(client, TimeProvider.System);

        await probe.RunAsync("probe-1", probesPerSecond: 10, TimeSpan.FromMilliseconds(500), Token);

        Assert.InRange(probe.Sent, 2, 6);
        Assert.Equal(probe.Sent, probe.Samples.Count);
        Assert.Equal(0, probe.TimedOut + probe.Failed);
        // The server's 30 ms count from its timer, whose ticks are coarser than the probe's stopwatch: a
        // sample may read a few ms short of 30 (28.3 was seen), never near the 1-2 ms of a probe without it.
        Assert.All(probe.Samples, ms => Assert.InRange(ms, 25, 1_000));
        Assert.Equal(probe.Sent, server.Events.Count);
    }
}
