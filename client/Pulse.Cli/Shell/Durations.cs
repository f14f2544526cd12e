using System.Globalization;

namespace Pulse.Cli.Shell;

/// <summary>Reads durations the way people type them: <c>500ms</c>, <c>20s</c>, <c>2m</c>, <c>1h</c>, <c>30d</c>, <c>1.5s</c>, <c>00:01:30</c>, or bare seconds.</summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        var (number, unitMs) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (s[..^2], 1.0),
            _ when s.EndsWith('s') || s.EndsWith('S') => (s[..^1], 1_000.0),
            _ when s.EndsWith('m') || s.EndsWith('M') => (s[..^1], 60_000.0),
            _ when s.EndsWith('h') || s.EndsWith('H') => (s[..^1], 3_600_000.0),
            _ when s.EndsWith('d') || s.EndsWith('D') => (s[..^1], 86_400_000.0),
            _ => (s, 1_000.0),
        };

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !(value > 0) || double.IsInfinity(value) || value * unitMs > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(value * unitMs);
        return true;
    }

    /// <summary>A short human form: <c>850 ms</c>, <c>12.3 s</c>, <c>4m 05s</c>.</summary>
    public static string Format(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => $"{duration.TotalMilliseconds:0} ms",
        < 60 => $"{duration.TotalSeconds:0.0} s",
        < 3600 => $"{(int)duration.TotalMinutes}m {duration.Seconds:00}s",
        _ => $"{(int)duration.TotalHours}h {duration.Minutes:00}m",
    };
}
