using System.Globalization;
using Pulse.Analytics.Simulation;
using Pulse.Cli.Api;

namespace Pulse.Cli.Import;

/// <summary>
/// Reads the CDNOW transaction files (Fader &amp; Hardie's data set as the <c>lifetimes</c> library ships
/// it): the master file (4 columns after a header line) and the 1/10 sample (5 columns, no header),
/// told apart by their column count. Every row is a web purchase at midnight UTC of its day.
/// </summary>
/// <remarks>
/// The sample's customer is its column 2, the sample id 1..2357, so that ids match the reference summary
/// CSVs (<c>cdnow_customers_summary*.csv</c>) that the models are checked against; the master's is its
/// column 1. Both lose their zero padding (<c>0001</c> becomes <c>1</c>), as in those CSVs.
/// </remarks>
internal static class CdnowReader
{
    private static readonly Layout Master = new(
        "master", ["customer_id", "date", "number_of_cds", "dollar_value"], Customer: 0, Date: 1, Quantity: 2, Value: 3);

    private static readonly Layout Sample = new(
        "sample", ["id_total", "id_sample", "date", "num_cd_purc", "total_value"], Customer: 1, Date: 2, Quantity: 3, Value: 4);

    /// <summary>Reads a whole file; bad rows become errors naming their line and column.</summary>
    /// <exception cref="ImportFormatException">The file is neither CDNOW layout.</exception>
    public static ImportFile Read(TextReader reader, string sourceName, string customerPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ImportFile? file = null;
        Layout? layout = null;
        long line = 0;

        while (reader.ReadLine() is { } text)
        {
            line++;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (layout is null)
            {
                layout = Detect(fields, line, sourceName);
                file = new ImportFile(sourceName, layout.ColumnsByField);
                if (!fields[0].All(char.IsAsciiDigit))
                {
                    // The master file's header line.
                    continue;
                }
            }

            if (fields.Length != layout.Columns.Length)
            {
                file!.Add(new ImportError(line, null, $"expected {layout.Columns.Length} columns like the rest of this CDNOW {layout.Name} file, found {fields.Length}"));
                continue;
            }

            if (ToRecord(fields, layout, line, sourceName, customerPrefix, out var error) is { } record)
            {
                file!.Add(record);
            }
            else
            {
                file!.Add(error!);
            }
        }

        return file ?? new ImportFile(sourceName);
    }

    private static Layout Detect(string[] fields, long line, string sourceName) => fields.Length switch
    {
        4 => Master,
        5 => Sample,
        _ => throw new ImportFormatException(
            $"{Path.GetFileName(sourceName)}, line {line}: {fields.Length} columns; a CDNOW file has 4 (master: customer_id date number_of_cds dollar_value) or 5 (sample, no header)."),
    };

    private static ImportRecord? ToRecord(
        string[] fields, Layout layout, long line, string sourceName, string customerPrefix, out ImportError? error)
    {
        error = null;

        // Ids are zero-padded in the files (0001) but plain in the reference summaries (1).
        if (!int.TryParse(fields[layout.Customer], NumberStyles.None, CultureInfo.InvariantCulture, out var customerNumber))
        {
            error = new ImportError(line, layout.Columns[layout.Customer], $"'{fields[layout.Customer]}' is not a customer number");
            return null;
        }

        var customer = customerNumber.ToString(CultureInfo.InvariantCulture);
        if (!Timestamps.TryParse(fields[layout.Date], "yyyyMMdd", out var timestamp))
        {
            error = new ImportError(line, layout.Columns[layout.Date], $"'{fields[layout.Date]}' is not a date in the form YYYYMMDD");
            return null;
        }

        if (!int.TryParse(fields[layout.Quantity], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
        {
            error = new ImportError(line, layout.Columns[layout.Quantity], $"'{fields[layout.Quantity]}' is not a whole number");
            return null;
        }

        if (!decimal.TryParse(fields[layout.Value], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = new ImportError(line, layout.Columns[layout.Value], $"'{fields[layout.Value]}' is not a non-negative amount");
            return null;
        }

        var interaction = new InteractionPayload(
            EventIds.For(sourceName, line, customerPrefix),
            customerPrefix + customer,
            timestamp,
            EventVocabulary.Web,
            EventVocabulary.Purchase,
            amount,
            Properties: new Dictionary<string, string> { ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture) });
        return new ImportRecord(line, interaction);
    }

    private sealed record Layout(string Name, string[] Columns, int Customer, int Date, int Quantity, int Value)
    {
        public IReadOnlyDictionary<string, string> ColumnsByField { get; } = new Dictionary<string, string>
        {
            ["customerId"] = Columns[Customer],
            ["timestamp"] = Columns[Date],
            ["amount"] = Columns[Value],
        };
    }
}
