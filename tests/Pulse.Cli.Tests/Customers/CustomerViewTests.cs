using Pulse.Cli.Customers;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Tests.Customers;

public sealed class CustomerViewTests
{
    [Fact]
    public void Features_are_pivoted_one_row_per_name_and_one_column_per_window_shortest_first()
    {
        var table = CustomerView.Features(new Dictionary<string, double>
        {
            ["channel.web.count.30d"] = 12,
            ["channel.web.count.7d"] = 3.25,
            ["kind.purchase.amount.30d"] = 45.6,
            ["sentiment"] = 0.4,
        });

        Assert.Equal(4, table.Columns.Count);
        Assert.Equal(3, table.Rows.Count);
        var lines = Render(table).Split('\n');
        var header = lines.First(l => l.Contains("value", StringComparison.Ordinal));
        Assert.True(header.IndexOf("7d", StringComparison.Ordinal) < header.IndexOf("30d", StringComparison.Ordinal));
        Assert.True(header.IndexOf("30d", StringComparison.Ordinal) < header.IndexOf("value", StringComparison.Ordinal));
        var web = lines.Single(l => l.Contains("channel.web.count", StringComparison.Ordinal));
        Assert.True(web.IndexOf("3.25", StringComparison.Ordinal) < web.IndexOf("12", StringComparison.Ordinal));
        Assert.Contains("45.60", lines.Single(l => l.Contains("kind.purchase.amount", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static string Render(IRenderable renderable)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        console.Write(renderable);
        return writer.ToString();
    }

    [Theory]
    [InlineData("7d", 7.0 * 24)]
    [InlineData("1h", 1.0)]
    [InlineData("4w", 28.0 * 24)]
    public void Window_suffixes_are_read_as_spans(string suffix, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), CustomerView.WindowLength(suffix));

    [Theory]
    [InlineData("count")]
    [InlineData("d")]
    [InlineData("7x")]
    public void Other_suffixes_are_not_windows(string suffix) => Assert.Null(CustomerView.WindowLength(suffix));
}
