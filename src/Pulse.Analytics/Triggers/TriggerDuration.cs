using System.Globalization;
using System.Text.RegularExpressions;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// Durations as rules write them: a whole number and one unit, <c>30d</c>, <c>12h</c>, <c>15m</c>,
/// <c>90s</c>; or ISO 8601 with weeks, days, hours, minutes and seconds, <c>P30D</c>, <c>PT12H</c>,
/// <c>P1DT6H</c>, <c>PT0.5S</c>. Years and months are refused: they have no fixed length. Positive, at
/// most 3,650 days.
/// </summary>
public static partial class TriggerDuration
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    public const string Expected = "must be a duration: '30d', '12h', '15m', '90s' or ISO 8601 like 'P30D'";

    /// <summary>Reads a duration; on failure, <paramref name="error"/> says why (in the words of <see cref="Expected"/>).</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = default;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = Expected;
            return false;
        }

        var ticks = Short().Match(text) is { Success: true } s ? ShortTicks(s)
            : Iso().Match(text) is { Success: true } iso ? IsoTicks(iso)
            : (decimal?)null;
        if (ticks is null)
        {
            var datePart = text.Split('T')[0];
            error = text.StartsWith('P') && (datePart.Contains('Y') || datePart.Contains('M'))
                ? "years and months have no fixed length; use days ('P30D' or '30d')"
                : Expected;
            return false;
        }

        if (ticks <= 0)
        {
            error = "must be positive";
            return false;
        }

        if (ticks > Longest.Ticks)
        {
            error = "must be at most 3650d";
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks.Value);
        return true;
    }

    /// <summary>Writes the shortest form: the largest whole unit (<c>30d</c>, <c>36h</c>), else ISO 8601 (<c>PT0.5S</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks > 0)
        {
            foreach (var (unit, size) in Units)
            {
                if (ticks % size == 0)
                {
                    return (ticks / size).ToString(CultureInfo.InvariantCulture) + unit;
                }
            }
        }

        return System.Xml.XmlConvert.ToString(duration);
    }

    /// <summary>An elapsed time in words for a reason: its largest whole unit, rounded down (<c>31d</c>, <c>5h</c>).</summary>
    internal static string Approximate(TimeSpan elapsed)
    {
        foreach (var (unit, size) in Units)
        {
            if (elapsed.Ticks >= size || unit == "s")
            {
                return (elapsed.Ticks / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return "0s";
    }

    private static readonly (string Unit, long Size)[] Units =
        [("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond)];

    private static decimal? ShortTicks(Match m)
    {
        if (!decimal.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var unit = m.Groups[2].ValueSpan[0];
        return n * Units.First(u => u.Unit[0] == unit).Size;
    }

    private static decimal? IsoTicks(Match m)
    {
        // At least one part, and a 'T' only when a time part follows it.
        if (!(m.Groups["w"].Success || m.Groups["d"].Success || m.Groups["h"].Success || m.Groups["m"].Success || m.Groups["s"].Success)
            || (m.Groups["t"].Success && !(m.Groups["h"].Success || m.Groups["m"].Success || m.Groups["s"].Success)))
        {
            return null;
        }

        decimal total = 0;
        foreach (var (group, size) in IsoParts)
        {
            if (m.Groups[group].Success)
            {
                if (!decimal.TryParse(m.Groups[group].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                {
                    return null;
                }

                total += n * size;
            }
        }

        return decimal.Truncate(total);
    }

    private static readonly (string Group, long Size)[] IsoParts =
        [("w", 7 * TimeSpan.TicksPerDay), ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond)];

    [GeneratedRegex(@"^([0-9]{1,9})([dhms])$", RegexOptions.CultureInvariant)]
    private static partial Regex Short();

    [GeneratedRegex(@"^P(?:(?<w>[0-9]{1,9})W)?(?:(?<d>[0-9]{1,9})D)?(?:(?<t>T)(?:(?<h>[0-9]{1,9})H)?(?:(?<m>[0-9]{1,9})M)?(?:(?<s>[0-9]{1,9}(?:\.[0-9]{1,7})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
