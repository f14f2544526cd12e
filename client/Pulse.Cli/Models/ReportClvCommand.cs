using System.CommandLine;
using System.Globalization;
using Pulse.Analytics.Clv;
using Pulse.Analytics.Simulation;
using Pulse.Cli.Import;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>
/// <c>pulse model report-clv --calibration-end DATE --file PATH</c>: the calibration/holdout report of
/// the BG/NBD paper. Reads purchases from a file with the import readers, fits BG/NBD and Pareto/NBD on
/// the calibration period, and compares their predictions with what customers bought in the holdout:
/// a table per calibration frequency, a model comparison, and the same plot as an SVG file.
/// </summary>
internal static class ReportClvCommand
{
    public const string DefaultSvg = "clv-holdout.svg";
    private static readonly string[] Formats = ["cdnow", "cdnow-sample", "csv"];

    public static Command Create(IAnsiConsole? console = null)
    {
        var calibrationEnd = DateOption("--calibration-end", "Last day of the calibration period (inclusive), e.g. 1997-09-30", required: true);
        var end = DateOption("--end", "Last day of the holdout period (inclusive); default: the day of the last purchase in the file");
        var file = new Option<FileInfo>("--file") { Description = "The purchase history to read", Required = true, HelpName = "PATH" };
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { Exists: false } missing)
            {
                result.AddError($"--file: there is no file '{missing.FullName}'.");
            }
        });
        var format = new Option<string>("--format")
        {
            Description = "cdnow (either CDNOW layout), cdnow-sample (the 1/10 sample only) or csv (with --customer and --timestamp)",
            DefaultValueFactory = _ => "cdnow",
            HelpName = "cdnow|cdnow-sample|csv",
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Formats.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--format must be cdnow, cdnow-sample or csv; got '{value}'.");
            }
        });
        var periodDays = CommonOptions.Positive("--period-days", "Days per period of the models' time scale (7 = weeks, as the BG/NBD paper uses)", 7, max: 3_650);
        var svg = new Option<FileInfo>("--svg")
        {
            Description = "Where to write the chart (an SVG file any browser opens)",
            DefaultValueFactory = _ => new FileInfo(DefaultSvg),
            HelpName = "PATH",
        };
        var customer = new Option<string?>("--customer") { Description = "CSV: column of the customer id", HelpName = "COL" };
        var timestamp = new Option<string?>("--timestamp") { Description = "CSV: column of the purchase time (ISO 8601; a date alone is that day)", HelpName = "COL" };
        var kind = new Option<string?>("--kind")
        {
            Description = "CSV: every row is a purchase (default), or a column of kinds, optionally mapped (type=buy:purchase); only purchases count",
            HelpName = "KIND|COL[=MAP]",
        };
        var dateFormat = new Option<string?>("--date-format") { Description = "CSV: exact .NET format of the time column, e.g. dd/MM/yyyy", HelpName = "FMT" };

        var command = new Command("report-clv", "Fit BG/NBD and Pareto/NBD on a calibration period and compare their predictions with the holdout after it")
        {
            calibrationEnd, end, file, format, periodDays, svg, customer, timestamp, kind, dateFormat,
        };
        command.SetAction(CommandActions.Guarded((parse, _) =>
        {
            var output = console ?? AnsiConsole.Console;
            var settings = new Settings(
                parse.GetRequiredValue(file),
                parse.GetValue(format) ?? "cdnow",
                parse.GetValue(calibrationEnd)!.Value,
                parse.GetValue(end),
                parse.GetValue(periodDays),
                parse.GetRequiredValue(svg),
                parse.GetValue(customer),
                parse.GetValue(timestamp),
                parse.GetValue(kind),
                parse.GetValue(dateFormat));
            return Task.FromResult(Run(settings, output));
        }));
        return command;
    }

    private static int Run(Settings settings, IAnsiConsole console)
    {
        if (ReadPurchases(settings, console) is not { } purchases)
        {
            return CommandActions.Failed;
        }

        var source = settings.File.Name;
        if (purchases.Count == 0)
        {
            return Fail(console, $"--file: {source} has no purchases to model.");
        }

        var first = purchases.Min(p => p.Day);
        var last = purchases.Max(p => p.Day);
        var customers = purchases.Select(p => p.CustomerId).Distinct(StringComparer.Ordinal).Count();
        console.MarkupLine(Markup.Escape(
            $"{purchases.Count:N0} purchases by {customers:N0} customers in {source}, {Day(first)} to {Day(last)}."));

        var observationEnd = settings.End ?? last;
        if (settings.CalibrationEnd >= observationEnd)
        {
            return Fail(console, settings.End is null
                ? $"--calibration-end {Day(settings.CalibrationEnd)} leaves no holdout: the last purchase in {source} is on {Day(last)}; pick an earlier day or a later --end."
                : $"--end {Day(observationEnd)} must be after --calibration-end {Day(settings.CalibrationEnd)}.");
        }

        if (settings.CalibrationEnd < first)
        {
            return Fail(console, $"--calibration-end {Day(settings.CalibrationEnd)} is before the first purchase in {source} ({Day(first)}): there is nothing to calibrate on.");
        }

        var window = new HoldoutWindow(settings.CalibrationEnd, observationEnd, settings.PeriodDays);
        var split = CalibrationHoldout.Split(purchases.Select(p => (p.CustomerId, p.Day)), window);
        HoldoutReport report;
        try
        {
            report = CalibrationHoldout.Report(split, window);
        }
        catch (InvalidOperationException ex)
        {
            return Fail(console, $"no model could be fitted on the calibration period: {ex.Message}");
        }

        var leftOut = customers - split.Count;
        console.MarkupLine(Markup.Escape(
            $"Calibration to {Day(window.CalibrationEnd)}, holdout {Day(window.HoldoutStart)} to {Day(window.ObservationEnd)} "
            + $"({ReportClvView.Periods(window)}): {report.Customers:N0} customers"
            + (leftOut > 0 ? $"; {leftOut:N0} left out (first purchase after the calibration end)." : ".")));
        console.WriteLine();
        console.Write(ReportClvView.Buckets(report));
        console.WriteLine();
        console.Write(ReportClvView.Models(report));
        foreach (var failure in report.Failures)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(failure.Model)} left out:[/] {Markup.Escape(failure.Reason)}");
        }

        var path = settings.Svg.FullName;
        try
        {
            File.WriteAllText(path, HoldoutChart.Render(report));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(console, $"--svg: could not write {path}: {ex.Message}");
        }

        console.MarkupLine($"Chart: [link]{Markup.Escape(path)}[/]");
        return CommandActions.Ok;
    }

    /// <summary>The purchases in the file, as (customer, UTC day); null after reporting why there are none.</summary>
    private static List<(string CustomerId, DateOnly Day)>? ReadPurchases(Settings settings, IAnsiConsole console)
    {
        Func<TextReader, ImportFile> read;
        if (settings.Format == "csv")
        {
            if (settings.Customer is null || settings.Timestamp is null)
            {
                Fail(console, "--format csv needs --customer COL and --timestamp COL: the columns of the customer id and of the purchase time.");
                return null;
            }

            CsvMapping mapping;
            try
            {
                mapping = new CsvMapping
                {
                    Customer = settings.Customer,
                    Timestamp = settings.Timestamp,
                    DefaultAmount = 0m,
                    Kind = settings.Kind is { } kind ? FieldSource.Parse(kind, EventVocabulary.Kinds) : FieldSource.Of(EventVocabulary.Purchase),
                    DateFormat = settings.DateFormat,
                };
            }
            catch (FormatException ex)
            {
                Fail(console, $"--kind: {ex.Message}");
                return null;
            }

            read = reader => CsvInteractionReader.Read(reader, settings.File.Name, mapping);
        }
        else
        {
            if ((settings.Customer ?? settings.Timestamp ?? settings.Kind ?? settings.DateFormat) is not null)
            {
                Fail(console, "--customer, --timestamp, --kind and --date-format apply to --format csv only.");
                return null;
            }

            read = reader => CdnowReader.Read(reader, settings.File.Name);
        }

        ImportFile file;
        try
        {
            using var reader = new StreamReader(settings.File.FullName);
            file = read(reader);
        }
        catch (ImportFormatException ex)
        {
            Fail(console, $"--file: {ex.Message}");
            return null;
        }

        if (settings.Format == "cdnow-sample" && file.RowsRead > 0 && file.ColumnsByField.GetValueOrDefault("customerId") != "id_sample")
        {
            Fail(console, $"--format cdnow-sample: {settings.File.Name} has the CDNOW master layout (4 columns); use --format cdnow.");
            return null;
        }

        if (file.ErrorCount > 0)
        {
            console.MarkupLine($"[yellow]{file.ErrorCount:N0} unreadable rows left out[/], e.g. {Markup.Escape(file.Errors[0].ToString())}");
        }

        return [.. file.Records
            .Where(r => r.Interaction.Kind == EventVocabulary.Purchase)
            .Select(r => (r.Interaction.CustomerId, DateOnly.FromDateTime(r.Interaction.Timestamp.UtcDateTime)))];
    }

    private static Option<DateOnly?> DateOption(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        HelpName = "DATE",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            result.AddError($"{name}: '{text}' is not a date such as 1997-09-30.");
            return null;
        },
    };

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return CommandActions.Failed;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Settings(
        FileInfo File,
        string Format,
        DateOnly CalibrationEnd,
        DateOnly? End,
        int PeriodDays,
        FileInfo Svg,
        string? Customer,
        string? Timestamp,
        string? Kind,
        string? DateFormat);
}
