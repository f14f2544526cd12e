using Pulse.Cli.Shell;

namespace Pulse.Cli.Tests.Shell;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500.0)]
    [InlineData("20s", 20_000.0)]
    [InlineData("1.5s", 1_500.0)]
    [InlineData("2m", 120_000.0)]
    [InlineData("1h", 3_600_000.0)]
    [InlineData("30d", 2_592_000_000.0)]
    [InlineData("1.5d", 129_600_000.0)]
    [InlineData("45", 45_000.0)]
    [InlineData("00:01:30", 90_000.0)]
    public void People_write_durations_several_ways(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("5 parsecs")]
    public void Nonsense_is_not_a_duration(string text) => Assert.False(Durations.TryParse(text, out _));
}
