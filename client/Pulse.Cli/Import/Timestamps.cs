using System.Globalization;

namespace Pulse.Cli.Import;

/// <summary>Event times from file text. Without an offset a time is UTC; a date alone is midnight UTC.</summary>
internal static class Timestamps
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;

    /// <param name="text">The cell.</param>
    /// <param name="format">An exact .NET format (<c>yyyyMMdd</c>, <c>dd/MM/yyyy HH:mm</c>); null accepts ISO 8601 and its common variants.</param>
    /// <param name="timestamp">The instant, in UTC.</param>
    public static bool TryParse(string? text, string? format, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        bool parsed;
        if (format is not null)
        {
            parsed = DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, Styles, out timestamp);
        }
        else if (text.Length == 8 && text.All(char.IsAsciiDigit))
        {
            // Compact dates (19970101) are common in older exports such as CDNOW's.
            parsed = DateTimeOffset.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, Styles, out timestamp);
        }
        else
        {
            parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out timestamp);
        }

        if (parsed)
        {
            timestamp = timestamp.ToUniversalTime();
        }

        return parsed;
    }
}
