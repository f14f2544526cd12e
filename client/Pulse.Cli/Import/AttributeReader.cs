using CsvHelper;
using Pulse.Analytics.Simulation;
using Pulse.Cli.Api;
using Pulse.Contracts.Interactions;

namespace Pulse.Cli.Import;

/// <summary>
/// Reads a CRM export (a CSV with a header row) into <c>profile-update</c> events: the customer from the
/// id column, every other column as an attribute. Values go as they are, trimmed; an empty cell is sent
/// as "" and clears the attribute on the server.
/// </summary>
internal static class AttributeReader
{
    /// <exception cref="ImportFormatException">No header, no such id or excluded column, a column named twice or too long, broken quoting.</exception>
    public static AttributeFile Read(
        TextReader reader, string sourceName, string idColumn, IReadOnlyCollection<string> exclude, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(idColumn);
        ArgumentNullException.ThrowIfNull(exclude);
        var name = Path.GetFileName(sourceName);
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, SkipEmptyLines = true };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            var headers = csv.Headers.Select(h => h.Trim()).ToArray();
            var id = Find(headers, idColumn) ?? throw new ImportFormatException(headers.Length == 0
                ? $"{name}: no header row; the first line must name the columns, one of them --id-column {idColumn}."
                : $"{name}: --id-column {idColumn}: no such column; the header has {string.Join(", ", headers.Select(h => $"'{h}'"))}.");

            var excluded = new HashSet<int>();
            foreach (var column in exclude)
            {
                // An exclusion that matches nothing is most likely a typo, and would send the column it meant to keep out.
                excluded.Add(Find(headers, column) ?? throw new ImportFormatException(
                    $"{name}: --exclude {column}: no such column; the header has {string.Join(", ", headers.Select(h => $"'{h}'"))}."));
            }

            var attributes = new List<int>();
            var unnamed = 0;
            for (var i = 0; i < headers.Length; i++)
            {
                if (i == id || excluded.Contains(i))
                {
                    continue;
                }

                if (headers[i].Length == 0)
                {
                    unnamed++;
                    continue;
                }

                if (headers[i].Length > InteractionLimits.MaxPropertyKeyLength)
                {
                    throw new ImportFormatException(
                        $"{name}: column '{headers[i]}' has a {headers[i].Length}-character name; attribute names have at most {InteractionLimits.MaxPropertyKeyLength}: rename it or --exclude it.");
                }

                if (attributes.Any(a => string.Equals(headers[a], headers[i], StringComparison.Ordinal)))
                {
                    throw new ImportFormatException($"{name}: two columns are named '{headers[i]}'; rename one or --exclude it.");
                }

                attributes.Add(i);
            }

            if (attributes.Count == 0)
            {
                throw new ImportFormatException($"{name}: no attribute columns besides the id column '{headers[id]}' (after --exclude).");
            }

            var events = new ImportFile(name, new Dictionary<string, string> { ["customerId"] = headers[id] });
            var skipped = new List<ImportError>();
            long rows = 0, split = 0, skippedCount = 0;
            void Skip(ImportError error)
            {
                skippedCount++;
                if (skipped.Count < ImportFile.MaxKeptErrors)
                {
                    skipped.Add(error);
                }
            }

            while (csv.Read())
            {
                rows++;
                var line = csv.LineNumber;
                if (csv.FieldCount != headers.Length)
                {
                    // A short row would clear the attributes of its missing cells; better not guess.
                    Skip(new ImportError(line, null, $"{csv.FieldCount} cells where the header has {headers.Length}: row skipped"));
                    continue;
                }

                var customer = csv.GetString(id) ?? string.Empty;
                if (customer.Length == 0)
                {
                    Skip(new ImportError(line, headers[id], "the customer id is empty: row skipped"));
                    continue;
                }

                var values = attributes
                    .Select(i => KeyValuePair.Create(headers[i], csv.GetString(i) ?? string.Empty))
                    .OrderBy(a => a.Key, StringComparer.Ordinal)
                    .ToList();
                var rowId = AttributeEventIds.For(customer, values, timestamp);
                if (values.Count <= InteractionLimits.MaxProperties)
                {
                    events.Add(new ImportRecord(line, Event(rowId, customer, timestamp, values)));
                    continue;
                }

                // The server takes at most MaxProperties per event: the rest of the row follows in more events.
                split++;
                var part = 0;
                foreach (var chunk in values.Chunk(InteractionLimits.MaxProperties))
                {
                    events.Add(new ImportRecord(line, Event(AttributeEventIds.Part(rowId, ++part), customer, timestamp, chunk)));
                }
            }

            return new AttributeFile(events, [.. attributes.Select(i => headers[i])], rows, skipped, skippedCount, split, unnamed);
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFormatException($"{name}, line {ex.LineNumber}: {ex.Message}");
        }
    }

    private static InteractionPayload Event(string eventId, string customer, DateTimeOffset timestamp, IEnumerable<KeyValuePair<string, string>> values) =>
        new(eventId, customer, timestamp, EventVocabulary.Web, EventVocabulary.ProfileUpdate,
            Properties: new Dictionary<string, string>(values, StringComparer.Ordinal));

    /// <summary>A column by its header name: exact first, then ignoring case; null when none.</summary>
    private static int? Find(string[] headers, string column)
    {
        var wanted = column.Trim();
        foreach (var comparison in (StringComparison[])[StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase])
        {
            var index = Array.FindIndex(headers, h => string.Equals(h, wanted, comparison));
            if (index >= 0)
            {
                return index;
            }
        }

        return null;
    }
}
