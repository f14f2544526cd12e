namespace Pulse.Cli.Import;

/// <summary>
/// Where a CSV import takes a wire value (kind, channel) from: one value for every row, or a column,
/// optionally with a map from the file's values to wire names.
/// </summary>
/// <remarks>
/// Written on the command line as <c>purchase</c> (a wire name: the same for every row), <c>type</c>
/// (a column whose values are wire names), or <c>type=buy:purchase,view:page-view</c> (a column with a
/// map; unmapped values pass through). A trailing <c>=</c> (<c>email=</c>) reads a column whose name is
/// also a wire name.
/// </remarks>
internal sealed record FieldSource(string? Constant, string? Column, IReadOnlyDictionary<string, string>? Map)
{
    public static FieldSource Of(string constant) => new(constant, null, null);

    /// <exception cref="FormatException">The map is not <c>from:to</c> pairs separated by commas.</exception>
    public static FieldSource Parse(string text, IReadOnlyList<string> wireNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return wireNames.Contains(text, StringComparer.Ordinal) ? Of(text) : new FieldSource(null, text, null);
        }

        var column = text[..equals].Trim();
        if (column.Length == 0)
        {
            throw new FormatException($"'{text}' names no column before '='.");
        }

        var mapText = text[(equals + 1)..];
        if (string.IsNullOrWhiteSpace(mapText))
        {
            return new FieldSource(null, column, null);
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in mapText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                throw new FormatException($"'{pair}' in '{text}' is not a from:to pair (for example buy:purchase).");
            }

            map[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }

        return new FieldSource(null, column, map);
    }

    /// <summary>The wire value for a cell: mapped, else the cell trimmed and in lower case.</summary>
    public string Resolve(string? cell)
    {
        if (Constant is not null)
        {
            return Constant;
        }

        var value = (cell ?? string.Empty).Trim();
        return Map is not null && Map.TryGetValue(value, out var mapped) ? mapped : value.ToLowerInvariant();
    }
}
