using Pulse.Grains.Triggers.Delivery;

namespace Pulse.Grains.Tests.Triggers;

public sealed class WebhookBackoffTests
{
    [Fact]
    public void TheLongestWaitDoublesFromTheFirstRetryUpToTheMaximum()
    {
        var first = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromMinutes(5);

        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(1, 11).Select(n => WebhookBackoff.Ceiling(n, first, max).TotalSeconds));
        Assert.Equal(max, WebhookBackoff.Ceiling(1_000, first, max));
    }

    [Fact]
    public void TheWaitIsTheJitterFractionOfTheLongestWait()
    {
        var first = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromMinutes(5);

        Assert.Equal(TimeSpan.Zero, WebhookBackoff.Delay(3, first, max, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), WebhookBackoff.Delay(3, first, max, 0.25));
        Assert.Equal(TimeSpan.FromSeconds(150), WebhookBackoff.Delay(20, first, max, 0.5));
    }
}
