using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;

namespace Pulse.Cli.Segments;

/// <summary>
/// The lines of <c>pulse segments customers</c>: plain aligned columns rather than a table, so that rows
/// can be printed page by page as they arrive (and read by other tools).
/// </summary>
internal static class SegmentCustomersView
{
    public const int MinIdWidth = 11;
    private const int DistanceWidth = 8;

    public static string Header(int idWidth) =>
        $"{"customer".PadRight(idWidth)}  {"distance".PadLeft(DistanceWidth)}  since";

    /// <summary><c>c-0042        1.42  2025-03-01 12:00:00 UTC</c>.</summary>
    public static string Row(SegmentMembership customer, int idWidth)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var distance = double.IsFinite(customer.Distance) ? customer.Distance.ToString("0.00", CultureInfo.InvariantCulture) : "—";
        return $"{customer.CustomerId.PadRight(idWidth)}  {distance.PadLeft(DistanceWidth)}  {SegmentListView.Time(customer.Since)}";
    }

    /// <summary>What was printed and, after a single page that is not the last, the next cursor and the command that follows it.</summary>
    public static string Footer(int segment, string? after, long printed, string? next)
    {
        var id = segment.ToString(CultureInfo.InvariantCulture);
        if (printed == 0)
        {
            return after is null
                ? $"[grey]segment {id} has no customers[/]"
                : $"[grey]segment {id} has no customers after {Markup.Escape(after)}[/]";
        }

        var count = $"{printed.ToString("N0", CultureInfo.InvariantCulture)} customer{(printed == 1 ? string.Empty : "s")} of segment {id}";
        return next is null
            ? $"[grey]{count}; no more pages[/]"
            : $"[grey]{count}[/]\nnext: [bold]{Markup.Escape(next)}[/] [grey]({Markup.Escape(SegmentCustomersCommand.NextCommand(segment, next))})[/]";
    }
}
