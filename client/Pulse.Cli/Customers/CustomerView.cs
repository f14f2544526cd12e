using System.Globalization;
using Pulse.Cli.Api;
using Pulse.Cli.Graph;
using Pulse.Cli.Triggers;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Customers;

/// <summary>
/// Renders a customer profile: a header, the RFM and lifetime-value panels, the segment line, churn risk,
/// sentiment, network and attributes when the server has them, features pivoted by window, recent interactions.
/// </summary>
internal static class CustomerView
{
    private const int TextWidth = 60;

    /// <summary>Attributes listed before the rest are only counted: a CRM export can carry dozens.</summary>
    internal const int MaxAttributes = 12;

    /// <summary>A change in tone smaller than this reads as steady, not as rising or falling.</summary>
    private const double SteadyTrend = 0.005;

    public static IRenderable Render(CustomerProfile profile, IReadOnlyList<LoggedInteraction> interactions, int recent, IReadOnlyList<TriggerFiringItem>? firings = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]customer[/]", $"[bold yellow]{Markup.Escape(profile.CustomerId)}[/]");
        header.AddRow("interactions", $"{profile.InteractionCount:N0} (log position {profile.LastPosition:N0})");
        header.AddRow("first seen", Time(profile.FirstSeen));
        header.AddRow("last seen", Time(profile.LastSeen));
        header.AddRow("as of", Time(profile.AsOf));

        var top = new Columns(
            new Panel(header).Header("profile").Border(BoxBorder.Rounded),
            Rfm(profile.Rfm),
            Value(profile.Value));

        var parts = new List<IRenderable> { top };
        if (profile.Segment is { } segment)
        {
            parts.Add(new Markup(Segment(segment)));
        }

        var insights = new List<IRenderable>();
        if (profile.Churn is { } churn)
        {
            insights.Add(Churn(churn));
        }

        if (profile.Sentiment is { } sentiment)
        {
            insights.Add(Sentiment(sentiment));
        }

        if (profile.Network is { } network)
        {
            insights.Add(NetworkView.Panel(network));
        }

        if (profile.Attributes is { Count: > 0 } attributes)
        {
            insights.Add(Attributes(attributes));
        }

        if (insights.Count > 0)
        {
            parts.Add(new Columns(insights));
        }

        if (firings is { Count: > 0 })
        {
            parts.Add(Fired(firings));
        }

        parts.Add(Features(profile.Features));
        parts.Add(Recent(interactions, recent));
        return new Rows(parts);
    }

    /// <summary>The latest rules that fired for the customer, with why: what the agent should know was sent.</summary>
    private static Panel Fired(IReadOnlyList<TriggerFiringItem> firings)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (firing, _) in firings)
        {
            grid.AddRow(
                Time(firing.FiredAt),
                $"[bold]{Markup.Escape(firing.RuleId)}[/]",
                Markup.Escape(firing.Why));
        }

        return new Panel(grid).Header("triggers fired").Border(BoxBorder.Rounded);
    }

    /// <summary><c>segment 3 (distance 1.42, since 2025-03-01 12:00:00 UTC), moved from 1</c>: where the customer is, and where from.</summary>
    internal static string Segment(CustomerSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var distance = double.IsFinite(segment.Distance) ? segment.Distance.ToString("0.00", CultureInfo.InvariantCulture) : "—";
        var line = $"[bold]segment {segment.Segment.ToString(CultureInfo.InvariantCulture)}[/] (distance {distance}, since {Time(segment.Since)})";
        return segment.Previous is { } previous
            ? $"{line}, [yellow]moved from {previous.ToString(CultureInfo.InvariantCulture)}[/]"
            : line;
    }

    /// <summary>The probability and model version, then one line per reason: ↑ raises the risk, ↓ lowers it.</summary>
    internal static Panel Churn(ChurnRisk churn)
    {
        var risk = churn.Probability switch
        {
            >= 0.5 => "red",
            >= 0.2 => "yellow",
            _ => "green",
        };
        var lines = new List<string>
        {
            $"[bold {risk}]{churn.Probability.ToString("P1", CultureInfo.InvariantCulture)}[/] within the model's horizon",
            $"[grey]model version {churn.ModelVersion.ToString(CultureInfo.InvariantCulture)}, as of {Time(churn.AsOf)}[/]",
        };
        foreach (var reason in churn.Reasons ?? [])
        {
            lines.Add(reason.Contribution > 0
                ? $"[red]↑[/] {Markup.Escape(reason.Text)}"
                : $"[green]↓[/] {Markup.Escape(reason.Text)}");
        }

        return new Panel(new Markup(string.Join('\n', lines))).Header("churn risk").Border(BoxBorder.Rounded);
    }

    /// <summary>How the customer sounds now and this month, which way it is going, and the latest score.</summary>
    internal static Panel Sentiment(CustomerSentiment sentiment)
    {
        var trend = sentiment.Trend switch
        {
            <= -SteadyTrend => $"[red]falling[/] ({Score(sentiment.Trend)})",
            >= SteadyTrend => $"[green]rising[/] ({Score(sentiment.Trend)})",
            _ => $"steady ({Score(sentiment.Trend)})",
        };
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("level (7-day)", Score(sentiment.Level));
        grid.AddRow("month level (30-day)", Score(sentiment.MonthLevel));
        grid.AddRow("trend", trend);
        grid.AddRow("last score", Score(sentiment.Last));
        grid.AddRow("last said", Time(sentiment.LastAt));
        grid.AddRow("texts, 30 days", sentiment.Texts30Days.ToString("0.#", CultureInfo.InvariantCulture));
        return new Panel(grid).Header("sentiment").Border(BoxBorder.Rounded);
    }

    /// <summary><c>name = value</c> by name, the first <see cref="MaxAttributes"/>, then how many more.</summary>
    internal static Panel Attributes(IReadOnlyDictionary<string, string> attributes)
    {
        var lines = attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Take(MaxAttributes)
            .Select(a => $"{Markup.Escape(a.Key)} = [bold]{Markup.Escape(a.Value)}[/]")
            .ToList();
        if (attributes.Count > MaxAttributes)
        {
            lines.Add($"[grey]+{attributes.Count - MaxAttributes} more[/]");
        }

        return new Panel(new Markup(string.Join('\n', lines))).Header("attributes").Border(BoxBorder.Rounded);
    }

    private static Panel Rfm(CustomerRfm? rfm)
    {
        if (rfm is null)
        {
            return new Panel(new Markup("[grey]no purchases yet[/]")).Header("RFM").Border(BoxBorder.Rounded);
        }

        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("frequency (repeat days)", rfm.Frequency.ToString("N0", CultureInfo.InvariantCulture));
        grid.AddRow("recency", $"{rfm.RecencyDays:0.#} days");
        grid.AddRow("age T", $"{rfm.TDays:0.#} days");
        grid.AddRow("monetary value", Money(rfm.MonetaryValue));
        grid.AddRow("total spend", $"[green]{Money(rfm.TotalSpend)}[/]");
        grid.AddRow("first purchase", rfm.FirstPurchase?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—");
        return new Panel(grid).Header("RFM").Border(BoxBorder.Rounded);
    }

    private static Panel Value(CustomerValue? value)
    {
        if (value is null)
        {
            return new Panel(new Markup("[grey]no model published yet, or no purchase[/]")).Header("lifetime value").Border(BoxBorder.Rounded);
        }

        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("P(alive)", value.ProbabilityAlive.ToString("P1", CultureInfo.InvariantCulture));
        grid.AddRow("purchases, next 90 days", value.ExpectedPurchases90Days.ToString("0.00", CultureInfo.InvariantCulture));
        grid.AddRow($"CLV, {value.Months} months", $"[green]{value.LifetimeValue.ToString("N2", CultureInfo.InvariantCulture)}[/]");
        grid.AddRow("95 % interval", $"{value.LifetimeValueLower.ToString("N2", CultureInfo.InvariantCulture)} – {value.LifetimeValueUpper.ToString("N2", CultureInfo.InvariantCulture)}");
        grid.AddRow("model version", value.ModelVersion.ToString(CultureInfo.InvariantCulture));
        return new Panel(grid).Header("lifetime value").Border(BoxBorder.Rounded);
    }

    /// <summary>
    /// Features named <c>name.window</c> (<c>channel.web.count.7d</c>) become one row per name and one column
    /// per window, shortest window first; names without a window go in a column of their own. Rows that are
    /// zero in every window (channels and kinds the customer never used) are left out and counted in the caption.
    /// </summary>
    internal static Table Features(IReadOnlyDictionary<string, double>? features)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("features");
        if (features is null || features.Count == 0)
        {
            return table.AddColumn("[grey]none yet[/]");
        }

        var split = features.Select(f => (Parts: SplitWindow(f.Key), f.Value)).ToList();
        var windows = split.Select(f => f.Parts.Window).Distinct()
            .OrderBy(w => WindowLength(w) ?? TimeSpan.MaxValue).ThenBy(w => w, StringComparer.Ordinal).ToList();

        table.AddColumn("feature");
        foreach (var window in windows)
        {
            table.AddColumn(new TableColumn(window.Length == 0 ? "value" : window).RightAligned());
        }

        var hidden = 0;
        foreach (var group in split.GroupBy(f => f.Parts.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (group.All(f => f.Value == 0))
            {
                hidden++;
                continue;
            }

            var cells = new List<string> { Markup.Escape(group.Key) };
            var byWindow = group.ToDictionary(f => f.Parts.Window, f => f.Value);
            cells.AddRange(windows.Select(w => byWindow.TryGetValue(w, out var v) ? Number(v) : "[grey]—[/]"));
            table.AddRow(cells.ToArray());
        }

        if (hidden > 0)
        {
            table.Caption($"[grey]{hidden} features that are zero in every window not shown[/]");
        }

        return table;
    }

    private static Table Recent(IReadOnlyList<LoggedInteraction> interactions, int recent)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"recent interactions ({Math.Min(recent, interactions.Count)} of {interactions.Count:N0})")
            .AddColumn(new TableColumn("pos").RightAligned()).AddColumn("time (UTC)").AddColumn("channel").AddColumn("kind")
            .AddColumn(new TableColumn("amount").RightAligned()).AddColumn("with").AddColumn("text");
        foreach (var i in interactions.Take(recent))
        {
            table.AddRow(
                i.Position.ToString("N0", CultureInfo.InvariantCulture),
                i.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(i.Channel),
                KindMarkup(i.Kind),
                i.Amount is { } amount ? Money(amount) : string.Empty,
                Markup.Escape(i.CounterpartyId ?? string.Empty),
                Markup.Escape(Shorten(i.Text)));
        }

        return table;
    }

    private static (string Name, string Window) SplitWindow(string key)
    {
        var dot = key.LastIndexOf('.');
        if (dot > 0 && WindowLength(key[(dot + 1)..]) is not null)
        {
            return (key[..dot], key[(dot + 1)..]);
        }

        return (key, string.Empty);
    }

    /// <summary>The span a window suffix names (<c>1h</c>, <c>7d</c>, <c>4w</c>, <c>1y</c>); null when it is not one.</summary>
    internal static TimeSpan? WindowLength(string window)
    {
        if (window.Length < 2 || !int.TryParse(window.AsSpan(0, window.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return window[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            'y' => TimeSpan.FromDays(365 * n),
            _ => null,
        };
    }

    private static string KindMarkup(string kind) => kind switch
    {
        "purchase" => "[green]purchase[/]",
        "refund" or "complaint" => $"[red]{kind}[/]",
        "call" or "chat" or "email" => $"[blue]{kind}[/]",
        _ => Markup.Escape(kind),
    };

    private static string Number(double value) => Math.Abs(value) switch
    {
        0 => "0",
        < 0.01 => value.ToString("0.##e+0", CultureInfo.InvariantCulture),
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e12 => value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    private static string Score(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    private static string Shorten(string? text) =>
        text is null ? string.Empty : text.Length <= TextWidth ? text : text[..(TextWidth - 1)] + "…";
}
