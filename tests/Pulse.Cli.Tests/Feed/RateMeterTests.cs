using Pulse.Cli.Feed;

namespace Pulse.Cli.Tests.Feed;

public sealed class RateMeterTests
{
    [Fact]
    public void The_rate_is_the_slope_over_the_recent_window_only()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(2));
        Assert.Equal(0, meter.Observe(TimeSpan.Zero, 0));
        Assert.Equal(1_000, meter.Observe(TimeSpan.FromSeconds(1), 1_000), 9);
        Assert.Equal(1_000, meter.Observe(TimeSpan.FromSeconds(2), 2_000), 9);

        // The first second falls out of the two-second window, then the second: only recent pace counts.
        Assert.Equal(550, meter.Observe(TimeSpan.FromSeconds(3), 2_100), 9);
        Assert.Equal(100, meter.Observe(TimeSpan.FromSeconds(5), 2_300), 9);
    }
}
