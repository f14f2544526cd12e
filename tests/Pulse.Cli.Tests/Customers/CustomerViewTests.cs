using Pulse.Cli.Api;
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

    [Fact]
    public void Churn_reasons_get_an_arrow_by_the_sign_of_their_contribution_and_sentiment_says_which_way_it_goes()
    {
        var at = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var attributes = Enumerable.Range(1, 15).ToDictionary(i => $"attr{i:00}", i => $"v{i}");
        var profile = new CustomerProfile("c-1", at, at.AddDays(-90), at.AddDays(-1), 12, 40, null, null,
            Churn: new ChurnRisk(3, at, 0.732, [new("complaints-7d", 0.81, "3 complaints in the last 7 days"), new("tenure", -0.25, "a customer for 24 months")]),
            Sentiment: new CustomerSentiment(-0.42, -0.1, -0.32, 4, -0.8, at.AddDays(-1)),
            Attributes: attributes);

        var text = Render(CustomerView.Render(profile, [], 5));

        Assert.Contains("73.2", text, StringComparison.Ordinal);
        Assert.Contains("model version 3", text, StringComparison.Ordinal);
        Assert.Contains("↑ 3 complaints in the last 7 days", text, StringComparison.Ordinal);
        Assert.Contains("↓ a customer for 24 months", text, StringComparison.Ordinal);
        Assert.Contains("falling (-0.32)", text, StringComparison.Ordinal);
        Assert.Contains("-0.42", text, StringComparison.Ordinal);
        Assert.Contains("-0.80", text, StringComparison.Ordinal);
        Assert.Contains("attr01 = v1", text, StringComparison.Ordinal);
        Assert.Contains("attr12 = v12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("attr13", text, StringComparison.Ordinal);
        Assert.Contains("+3 more", text, StringComparison.Ordinal);

        var rising = Render(CustomerView.Sentiment(new CustomerSentiment(0.5, 0.2, 0.3, 2, 0.9, at)));
        Assert.Contains("rising (+0.30)", rising, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_churn_sentiment_or_attributes_shows_none_of_their_panels()
    {
        var at = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var text = Render(CustomerView.Render(new CustomerProfile("c-2", at, at, at, 1, 1, null, null), [], 5));

        Assert.DoesNotContain("churn risk", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sentiment", text, StringComparison.Ordinal);
        Assert.DoesNotContain("attributes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_segment_line_says_where_the_customer_is_and_where_they_moved_from()
    {
        var at = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var profile = new CustomerProfile("c-3", at, at, at, 1, 1, null, null, Segment: new CustomerSegment(3, 1.4236, 42, at.AddHours(-2), 1));

        var text = Render(CustomerView.Render(profile, [], 5));

        Assert.Contains("segment 3 (distance 1.42, since 2025-03-01 10:00:00 UTC), moved from 1", text, StringComparison.Ordinal);

        var stayed = Render(CustomerView.Render(profile with { Segment = new CustomerSegment(0, 0.5, 42, at, null) }, [], 5));
        Assert.Contains("segment 0 (distance 0.50, since 2025-03-01 12:00:00 UTC)", stayed, StringComparison.Ordinal);
        Assert.DoesNotContain("moved from", stayed, StringComparison.Ordinal);
        Assert.DoesNotContain("segment", Render(CustomerView.Render(profile with { Segment = null }, [], 5)), StringComparison.Ordinal);
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
