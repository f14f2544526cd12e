using Pulse.Cli.Import;

namespace Pulse.Cli.Tests.Import;

public sealed class EventIdsTests
{
    [Fact]
    public void Ids_depend_on_the_file_name_row_and_prefix_but_not_the_directory()
    {
        Assert.Equal("orders.csv:17", EventIds.For("orders.csv", 17));
        Assert.Equal(EventIds.For("orders.csv", 17), EventIds.For(Path.Combine("some", "dir", "orders.csv"), 17));
        Assert.NotEqual(EventIds.For("orders.csv", 17), EventIds.For("orders.csv", 18));
        Assert.NotEqual(EventIds.For("orders.csv", 17), EventIds.For("returns.csv", 17));
        Assert.Equal("x-orders.csv:17", EventIds.For("orders.csv", 17, "x-"));
    }

    [Fact]
    public void Very_long_names_still_give_unique_ids_within_the_limit()
    {
        var a = EventIds.For(new string('a', 200) + "1.csv", 123_456_789);
        var b = EventIds.For(new string('a', 200) + "2.csv", 123_456_789);

        Assert.InRange(a.Length, 1, 128);
        Assert.NotEqual(a, b);
        Assert.Equal(a, EventIds.For(new string('a', 200) + "1.csv", 123_456_789));
    }
}
