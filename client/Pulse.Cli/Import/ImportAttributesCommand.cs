using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Import;

/// <summary>
/// <c>pulse import-attributes FILE --id-column COL</c>: a CRM export's columns become customer attributes,
/// sent as <c>profile-update</c> events through the ingest endpoint. Ids derive from the values and the
/// import's moment (<see cref="AttributeEventIds"/>): retries are idempotent, and the latest import wins.
/// </summary>
internal static class ImportAttributesCommand
{
    private const int DefaultBatch = 500;

    public static Command Create(Option<Uri> url, IAnsiConsole? console = null, TimeProvider? time = null)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV export with a header row (comma, semicolon, tab or pipe separated)" };
        file.AcceptExistingOnly();
        var idColumn = new Option<string>("--id-column") { Description = "Column of the customer id (header name)", Required = true, HelpName = "COL" };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Columns not to send, comma separated (e.g. --exclude email,phone); may be repeated",
            HelpName = "COL[,COL...]",
            DefaultValueFactory = _ => [],
        };
        var batch = CommonOptions.Positive("--batch", $"Events per POST (default {DefaultBatch.ToString(CultureInfo.InvariantCulture)})", DefaultBatch, max: 10_000);

        var command = new Command("import-attributes", "Import customer attributes from a CRM export (CSV): one profile update per row; a re-import is idempotent")
        {
            file, idColumn, exclude, batch,
        };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            var clock = time ?? TimeProvider.System;
            var path = parse.GetRequiredValue(file);
            var excluded = (parse.GetValue(exclude) ?? [])
                .SelectMany(e => e.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .ToArray();

            AttributeFile attributes;
            try
            {
                using var reader = new StreamReader(path.FullName);

                // One time for the whole import: the file is one snapshot of the CRM.
                attributes = AttributeReader.Read(reader, path.Name, parse.GetRequiredValue(idColumn), excluded, clock.GetUtcNow());
            }
            catch (ImportFormatException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            var events = attributes.Events.Records;
            var customers = events.Select(e => e.Interaction.CustomerId).Distinct(StringComparer.Ordinal).Count();
            output.MarkupLine(Markup.Escape(
                $"Read {attributes.RowsRead:N0} rows from {path.Name}: {events.Count:N0} events for {customers:N0} customers, "
                + $"{attributes.Attributes.Count:N0} attributes ({Shorten(attributes.Attributes)})"
                + (attributes.SkippedCount > 0 ? $", {attributes.SkippedCount:N0} rows skipped" : string.Empty) + "."));
            if (attributes.UnnamedColumns > 0)
            {
                output.MarkupLine($"[yellow]{attributes.UnnamedColumns} column(s) without a header name left out.[/]");
            }

            if (events.Count == 0)
            {
                output.Write(AttributeImportView.Skipped(attributes.Skipped, attributes.SkippedCount));
                return ConsoleFailure.Report(output, "nothing to import.");
            }

            using var client = await ServerConnection.OpenAsync(parse.GetRequiredValue(url), 2, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                return CommandActions.Failed;
            }

            var runner = new ImportRunner(client, clock);
            var outcome = await runner.RunAsync(attributes.Events, parse.GetValue(batch), null, cancellationToken).ConfigureAwait(false);
            output.Write(AttributeImportView.Summary(attributes, outcome));
            return outcome.Clean && attributes.SkippedCount == 0 ? CommandActions.Ok : CommandActions.Failed;
        }));
        return command;
    }

    private static string Shorten(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $", +{names.Count - 8} more";
}
