using Pulse.Cli.Api;

namespace Pulse.Cli.Tests.Api;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));

    [Fact]
    public void The_server_retry_after_wins_but_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Policy.DelayAfter(1, TimeSpan.FromSeconds(1), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), Policy.DelayAfter(1, TimeSpan.FromMinutes(5), 0.5));
    }

    [Fact]
    public void Backoff_doubles_with_half_of_each_wait_random_and_stops_growing_at_the_cap()
    {
        // Equal jitter: the wait lies between half the ceiling and the ceiling.
        Assert.Equal(TimeSpan.FromMilliseconds(50), Policy.DelayAfter(1, null, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), Policy.DelayAfter(1, null, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(150), Policy.DelayAfter(2, null, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(600), Policy.DelayAfter(4, null, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), Policy.DelayAfter(30, null, 1));
    }
}
