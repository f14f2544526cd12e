using System.Globalization;
using CsvHelper;
using Pulse.Analytics.Simulation;
using Pulse.Cli.Api;

namespace Pulse.Cli.Import;

/// <summary>Reads interactions from any CSV through a <see cref="CsvMapping"/>; a bad row becomes an error naming its line and column.</summary>
internal static class CsvInteractionReader
{
    private const int MaxIdLength = 128;
    private const int MaxTextLength = 4_000;

    /// <exception cref="ImportFormatException">A mapped column does not exist, or the file's quoting is broken.</exception>
    public static ImportFile Read(TextReader reader, string sourceName, CsvMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var options = new CsvReaderOptions
        {
            HasHeader = mapping.HasHeader,
            Separator = mapping.Separator,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
        };

        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var file = new ImportFile(sourceName, ColumnsByField(mapping));
        try
        {
            var columns = Columns.Resolve(mapping, csv.Headers);
            while (csv.Read())
            {
                var row = csv.LineNumber;
                var result = ReadRow(csv, row, sourceName, mapping, columns);
                if (result.Error is { } error)
                {
                    file.Add(error);
                }
                else
                {
                    file.Add(result.Record);
                }
            }
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFormatException($"{Path.GetFileName(sourceName)}, line {ex.LineNumber}: {ex.Message}");
        }

        return file;
    }

    private static (ImportRecord Record, ImportError? Error) ReadRow(
        CsvReader csv, long row, string sourceName, CsvMapping mapping, Columns columns)
    {
        ImportError Fail(string column, string reason) => new(row, column, reason);

        var customer = Cell(csv, columns.Customer);
        if (customer.Length == 0)
        {
            return (default, Fail(mapping.Customer, "the customer id is empty"));
        }

        if (mapping.CustomerPrefix.Length + customer.Length > MaxIdLength)
        {
            return (default, Fail(mapping.Customer, $"the customer id is longer than {MaxIdLength} characters"));
        }

        var timeText = Cell(csv, columns.Timestamp);
        if (!Timestamps.TryParse(timeText, mapping.DateFormat, out var timestamp))
        {
            var expected = mapping.DateFormat is { } format ? $"a date/time in the format {format}" : "a date/time (ISO 8601, e.g. 2024-05-01T12:30:00Z, or 2024-05-01)";
            return (default, Fail(mapping.Timestamp, $"'{timeText}' is not {expected}"));
        }

        var kind = mapping.Kind.Resolve(columns.Kind is { } k ? Cell(csv, k) : null);
        if (!EventVocabulary.Kinds.Contains(kind))
        {
            return (default, Fail(mapping.Kind.Column ?? "--kind", $"'{kind}' is not a kind; use one of {string.Join(", ", EventVocabulary.Kinds)}, or map it (--kind COL=from:to,...)"));
        }

        var channel = mapping.Channel.Resolve(columns.Channel is { } c ? Cell(csv, c) : null);
        if (!EventVocabulary.Channels.Contains(channel))
        {
            return (default, Fail(mapping.Channel.Column ?? "--channel", $"'{channel}' is not a channel; use one of {string.Join(", ", EventVocabulary.Channels)}, or map it (--channel COL=from:to,...)"));
        }

        decimal? amount = mapping.DefaultAmount;
        if (columns.Amount is { } amountColumn && Cell(csv, amountColumn) is { Length: > 0 } amountText)
        {
            if (!decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return (default, Fail(mapping.Amount!, $"'{amountText}' is not a number (use a dot for decimals: 12.50)"));
            }

            if (parsed < 0)
            {
                return (default, Fail(mapping.Amount!, $"{amountText} is negative; amounts are never negative (a refund is its own kind)"));
            }

            amount = parsed;
        }

        if (amount is null && EventVocabulary.HasAmount(kind))
        {
            return (default, Fail(mapping.Amount ?? "--amount", $"a {kind} needs an amount: map --amount COL or give --default-amount"));
        }

        string eventId;
        if (columns.EventId is { } idColumn)
        {
            eventId = Cell(csv, idColumn);
            if (eventId.Length is 0 or > MaxIdLength)
            {
                return (default, Fail(mapping.EventId!, $"the event id must have 1 to {MaxIdLength} characters"));
            }
        }
        else
        {
            eventId = EventIds.For(sourceName, row, mapping.CustomerPrefix);
        }

        string? text = null;
        if (columns.Text is { } textColumn && Cell(csv, textColumn) is { Length: > 0 } textCell)
        {
            if (textCell.Length > MaxTextLength)
            {
                return (default, Fail(mapping.Text!, $"the text has {textCell.Length:N0} characters; at most {MaxTextLength:N0} are accepted"));
            }

            text = textCell;
        }

        string? counterparty = null;
        if (columns.Counterparty is { } counterpartyColumn && Cell(csv, counterpartyColumn) is { Length: > 0 } other)
        {
            counterparty = mapping.CustomerPrefix + other;
        }

        if (EventVocabulary.HasCounterparty(kind))
        {
            if (counterparty is null)
            {
                return (default, Fail(mapping.Counterparty ?? "--counterparty", $"a {kind} needs a counterparty (another customer's id)"));
            }

            if (counterparty == mapping.CustomerPrefix + customer)
            {
                return (default, Fail(mapping.Counterparty!, $"a {kind} must link to another customer, not the customer itself"));
            }
        }
        else
        {
            // Only links carry a counterparty on the wire.
            counterparty = null;
        }

        var interaction = new InteractionPayload(
            eventId, mapping.CustomerPrefix + customer, timestamp, channel, kind, amount, text, counterparty);
        return (new ImportRecord(row, interaction), null);
    }

    private static Dictionary<string, string> ColumnsByField(CsvMapping mapping)
    {
        var columns = new Dictionary<string, string>
        {
            ["customerId"] = mapping.Customer,
            ["timestamp"] = mapping.Timestamp,
        };
        (string Field, string? Column)[] optional =
        [
            ("amount", mapping.Amount), ("kind", mapping.Kind.Column), ("channel", mapping.Channel.Column),
            ("eventId", mapping.EventId), ("text", mapping.Text), ("counterpartyId", mapping.Counterparty),
        ];
        foreach (var (field, column) in optional)
        {
            if (column is not null)
            {
                columns[field] = column;
            }
        }

        return columns;
    }

    private static string Cell(CsvReader csv, int index) =>
        index < csv.FieldCount ? csv.GetString(index) ?? string.Empty : string.Empty;

    /// <summary>The 0-based indexes of the mapped columns, checked once against the header.</summary>
    private sealed record Columns(
        int Customer, int Timestamp, int? Amount, int? Kind, int? Channel, int? EventId, int? Text, int? Counterparty)
    {
        public static Columns Resolve(CsvMapping mapping, IReadOnlyList<string> headers) => new(
            Index(mapping.Customer, "--customer", mapping.HasHeader, headers),
            Index(mapping.Timestamp, "--timestamp", mapping.HasHeader, headers),
            Optional(mapping.Amount, "--amount", mapping.HasHeader, headers),
            Optional(mapping.Kind.Column, "--kind", mapping.HasHeader, headers, EventVocabulary.Kinds),
            Optional(mapping.Channel.Column, "--channel", mapping.HasHeader, headers, EventVocabulary.Channels),
            Optional(mapping.EventId, "--event-id", mapping.HasHeader, headers),
            Optional(mapping.Text, "--text", mapping.HasHeader, headers),
            Optional(mapping.Counterparty, "--counterparty", mapping.HasHeader, headers));

        private static int? Optional(
            string? column, string option, bool hasHeader, IReadOnlyList<string> headers, IReadOnlyList<string>? wireNames = null) =>
            column is null ? null : Index(column, option, hasHeader, headers, wireNames);

        private static int Index(
            string column, string option, bool hasHeader, IReadOnlyList<string> headers, IReadOnlyList<string>? wireNames = null)
        {
            if (hasHeader)
            {
                for (var pass = 0; pass < 2; pass++)
                {
                    var comparison = pass == 0 ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                    for (var i = 0; i < headers.Count; i++)
                    {
                        if (string.Equals(headers[i].Trim(), column, comparison))
                        {
                            return i;
                        }
                    }
                }
            }

            if (int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
            {
                return number - 1;
            }

            var orValue = wireNames is null ? string.Empty : $" (nor one of the values {string.Join(", ", wireNames)})";
            throw new ImportFormatException(hasHeader
                ? $"{option} {column}: no such column{orValue}; the header has {string.Join(", ", headers.Select(h => $"'{h}'"))}"
                : $"{option} {column}: without a header, name columns by number from 1 (e.g. {option} 2){orValue}");
        }
    }
}
