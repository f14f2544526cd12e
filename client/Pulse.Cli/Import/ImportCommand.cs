using System.CommandLine;
using System.Globalization;
using Pulse.Analytics.Simulation;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Import;

/// <summary><c>pulse import cdnow|csv</c>: backfill history from files, replayed in event-time order.</summary>
internal static class ImportCommand
{
    private const int DefaultBatch = 2_000;

    public static Command Create(Option<Uri> url) =>
        new("import", "Backfill interactions from files; a re-import is idempotent (the server reports duplicates)")
        {
            Cdnow(url),
            Csv(url),
        };

    private static Command Cdnow(Option<Uri> url)
    {
        var file = new Argument<FileInfo>("file") { Description = "CDNOW_master.txt (4 columns, header) or CDNOW_sample.txt (5 columns)" };
        file.AcceptExistingOnly();
        var prefix = PrefixOption();
        var batch = BatchOption();
        var command = new Command("cdnow", "Import the CDNOW purchase history (master or 1/10 sample file)") { file, prefix, batch };
        command.SetAction(CommandActions.Guarded((parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            var customerPrefix = parse.GetValue(prefix) ?? string.Empty;
            return RunAsync(parse.GetRequiredValue(url), path, parse.GetValue(batch),
                reader => CdnowReader.Read(reader, path.Name, customerPrefix), cancellationToken);
        }));
        return command;
    }

    private static Command Csv(Option<Uri> url)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file (comma, semicolon, tab or pipe separated)" };
        file.AcceptExistingOnly();
        var customer = Column("--customer", "Column of the customer id", required: true);
        var timestamp = Column("--timestamp", "Column of the event time (ISO 8601; a date alone is midnight UTC)", required: true);
        var amount = Column("--amount", "Column of the amount (major units, dot decimals)");
        var defaultAmount = new Option<decimal?>("--default-amount") { Description = "Amount for rows without one (e.g. 0 for transactions without values)", HelpName = "X" };
        var kind = new Option<string>("--kind")
        {
            Description = "A kind for every row (purchase), a column of kinds (type), or a column with a map (type=buy:purchase,view:page-view)",
            DefaultValueFactory = _ => EventVocabulary.Purchase,
            HelpName = "KIND|COL[=MAP]",
        };
        var channel = new Option<string>("--channel")
        {
            Description = "A channel for every row (store), a column, or a column with a map, as for --kind",
            DefaultValueFactory = _ => EventVocabulary.Store,
            HelpName = "CHANNEL|COL[=MAP]",
        };
        var eventId = Column("--event-id", "Column of event ids (default: derived from file name and row)");
        var text = Column("--text", "Column of transcript or message text");
        var counterparty = Column("--counterparty", "Column of the other customer's id (referral, household, mention)");
        var dateFormat = new Option<string?>("--date-format") { Description = "Exact .NET format of the time column, e.g. yyyyMMdd or dd/MM/yyyy HH:mm", HelpName = "FMT" };
        var separator = new Option<char?>("--separator") { Description = "Field separator (default: detected)", HelpName = "CHAR" };
        var noHeader = new Option<bool>("--no-header") { Description = "The file has no header row: name columns by number from 1" };
        var prefix = PrefixOption();
        var batch = BatchOption();

        var command = new Command("csv", "Import interactions from any CSV with a column mapping")
        {
            file, customer, timestamp, amount, defaultAmount, kind, channel, eventId, text, counterparty,
            dateFormat, separator, noHeader, prefix, batch,
        };
        command.SetAction(CommandActions.Guarded((parse, cancellationToken) =>
        {
            CsvMapping mapping;
            try
            {
                mapping = new CsvMapping
                {
                    Customer = parse.GetRequiredValue(customer)!,
                    Timestamp = parse.GetRequiredValue(timestamp)!,
                    Amount = parse.GetValue(amount),
                    DefaultAmount = parse.GetValue(defaultAmount),
                    Kind = FieldSource.Parse(parse.GetValue(kind) ?? EventVocabulary.Purchase, EventVocabulary.Kinds),
                    Channel = FieldSource.Parse(parse.GetValue(channel) ?? EventVocabulary.Store, EventVocabulary.Channels),
                    EventId = parse.GetValue(eventId),
                    Text = parse.GetValue(text),
                    Counterparty = parse.GetValue(counterparty),
                    DateFormat = parse.GetValue(dateFormat),
                    Separator = parse.GetValue(separator),
                    HasHeader = !parse.GetValue(noHeader),
                    CustomerPrefix = parse.GetValue(prefix) ?? string.Empty,
                };
            }
            catch (FormatException ex)
            {
                return Task.FromResult(CommandActions.Fail(ex.Message));
            }

            var path = parse.GetRequiredValue(file);
            return RunAsync(parse.GetRequiredValue(url), path, parse.GetValue(batch),
                reader => CsvInteractionReader.Read(reader, path.Name, mapping), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(
        Uri url, FileInfo path, int batchSize, Func<TextReader, ImportFile> read, CancellationToken cancellationToken)
    {
        ImportFile file;
        try
        {
            file = ImportView.ReadWithStatus(path.Name, () =>
            {
                using var reader = new StreamReader(path.FullName);
                return read(reader);
            });
        }
        catch (ImportFormatException ex)
        {
            return CommandActions.Fail(ex.Message);
        }

        AnsiConsole.MarkupLine(
            $"Read [bold]{file.RowsRead:N0}[/] rows from {Markup.Escape(path.Name)}: {file.Records.Count:N0} to send"
            + (file.ErrorCount > 0 ? $", [red]{file.ErrorCount:N0} unreadable[/]" : string.Empty) + ".");
        if (file.Records.Count == 0)
        {
            foreach (var error in file.Errors.Take(ImportRunner.MaxProblems))
            {
                AnsiConsole.MarkupLine($"[red]•[/] {Markup.Escape(error.ToString())}");
            }

            return CommandActions.Fail("nothing to import.");
        }

        using var client = await ServerConnection.OpenAsync(url, 2, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return CommandActions.Failed;
        }

        var runner = new ImportRunner(client, TimeProvider.System);
        var outcome = await ImportView.SendWithProgressAsync(file.Records.Count,
            progress => runner.RunAsync(file, batchSize, progress, cancellationToken)).ConfigureAwait(false);
        AnsiConsole.Write(ImportView.Summary(outcome));
        return outcome.Clean ? CommandActions.Ok : CommandActions.Failed;
    }

    private static Option<string?> Column(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required, HelpName = "COL" };

    private static Option<string> PrefixOption() =>
        new("--prefix") { Description = "Prepended to every customer id (keeps imported customers apart)", DefaultValueFactory = _ => string.Empty, HelpName = "P" };

    private static Option<int> BatchOption() =>
        CommonOptions.Positive("--batch", $"Rows per POST (default {DefaultBatch.ToString(CultureInfo.InvariantCulture)})", DefaultBatch, max: 10_000);
}
