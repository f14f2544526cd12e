using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Pulse.Cli.Models;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Tests.Models;

/// <summary>
/// <c>pulse model report-clv</c> on the CDNOW 1/10 sample (Data/CDNOW_sample.txt, see Data/SOURCE.md),
/// calibrated to 1997-09-30 as in Fader, Hardie &amp; Lee (2005), section 5.
/// </summary>
public sealed class ReportClvCommandTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");
    private static readonly string Sample = Path.Combine(DataDirectory, "CDNOW_sample.txt");
    private readonly string _directory = Directory.CreateTempSubdirectory("pulse-report-clv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_cdnow_sample_report_has_a_row_per_calibration_frequency_a_model_comparison_and_a_chart()
    {
        var svg = Path.Combine(_directory, "holdout.svg");

        var (code, output) = await RunAsync("--calibration-end", "1997-09-30", "--file", Sample, "--svg", svg);

        Assert.True(code == 0, output);
        Assert.Contains("6,919 purchases by 2,357 customers in CDNOW_sample.txt, 1997-01-01 to 1998-06-30.", output, StringComparison.Ordinal);
        Assert.Contains("Calibration to 1997-09-30, holdout 1997-10-01 to 1998-06-30 (39 weeks): 2,357 customers.", output, StringComparison.Ordinal);

        // Customers and mean holdout purchase days per calibration frequency, counted from the file's
        // distinct (customer, day) pairs: the 2,357 customers bought on 1,882 distinct days in the holdout.
        var header = Cells(Line(output, "calibration repeat purchases"));
        Assert.Equal(["calibration repeat purchases", "customers", "actual", "BG/NBD", "Pareto/NBD"], header);
        (string Bucket, string Customers, string Actual)[] expected =
        [
            ("0", "1,411", "0.237"), ("1", "439", "0.697"), ("2", "214", "1.393"), ("3", "100", "1.560"),
            ("4", "62", "2.532"), ("5", "38", "2.947"), ("6", "29", "3.862"), ("7+", "64", "6.359"),
        ];
        foreach (var (bucket, customers, actual) in expected)
        {
            var row = Cells(Line(output, $"│ {bucket} "));
            Assert.Equal([bucket, customers, actual], row.Take(3));
            Assert.All(row.Skip(3), cell => Assert.InRange(double.Parse(cell, CultureInfo.InvariantCulture), 0, 10));
        }

        var all = Cells(Line(output, "│ all "));
        Assert.Equal(["all", "2,357", "0.798"], all.Take(3));

        // The comparison: both models' holdout errors and the calibration fits (Fader, Hardie & Lee 2005:
        // BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426; Pareto/NBD r = 0.553, α = 10.578, s = 0.606, β = 11.669).
        Assert.Contains("actual total 1,882", output, StringComparison.Ordinal);
        Assert.Equal(2, Cells(Line(output, "│ MAE ")).Skip(1).Count(cell => double.Parse(cell, CultureInfo.InvariantCulture) is > 0.5 and < 1));
        Assert.Equal(2, Cells(Line(output, "│ RMSE ")).Skip(1).Count(cell => double.Parse(cell, CultureInfo.InvariantCulture) is > 1 and < 2.5));
        Assert.Equal(["-9,582.43", "-9,594.98"], Cells(Line(output, "│ log-likelihood ")).Skip(1));
        Assert.Equal(0.243, Parameter(output, "r", 0), 3);
        Assert.Equal(4.414, Parameter(output, "alpha", 0), 2);
        Assert.Equal(0.793, Parameter(output, "a", 0), 3);
        Assert.Equal(2.426, Parameter(output, "b", 0), 2);
        Assert.Equal(0.553, Parameter(output, "r", 1), 3);
        Assert.Equal(0.606, Parameter(output, "s", 1), 3);

        // The chart: written where asked, well-formed, the three series over the eight buckets.
        Assert.Contains($"Chart: {svg}", output, StringComparison.Ordinal);
        var chart = XDocument.Load(svg).Root!;
        Assert.Equal(Svg + "svg", chart.Name);
        var series = chart.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(["Actual", "BG/NBD", "Pareto/NBD"], series.Select(s => (string)s.Attribute("data-series")!));
        var actualMarkers = series[0].Elements(Svg + "circle").ToList();
        Assert.Equal(expected.Select(e => e.Bucket), actualMarkers.Select(c => (string)c.Attribute("data-bucket")!));
        Assert.Equal(expected.Select(e => e.Actual), actualMarkers.Select(c => double.Parse((string)c.Attribute("data-value")!, CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_csv_of_the_same_purchases_gives_the_same_report_and_the_period_and_end_can_be_chosen()
    {
        // The sample rewritten as customer,date CSV (ISO dates), read through --format csv.
        var csv = Path.Combine(_directory, "purchases.csv");
        var rows = File.ReadLines(Sample)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => $"{int.Parse(f[1], CultureInfo.InvariantCulture)},{DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture):yyyy-MM-dd}");
        await File.WriteAllLinesAsync(csv, rows.Prepend("customer,date"), TestContext.Current.CancellationToken);

        var (cdnowCode, cdnow) = await RunAsync("--calibration-end", "1997-09-30", "--file", Sample, "--svg", Path.Combine(_directory, "a.svg"));
        var (csvCode, fromCsv) = await RunAsync("--calibration-end", "1997-09-30", "--file", csv, "--format", "csv", "--customer", "customer", "--timestamp", "date", "--svg", Path.Combine(_directory, "b.svg"));

        Assert.Equal(0, cdnowCode);
        Assert.True(csvCode == 0, fromCsv);
        Assert.Equal(Tables(cdnow), Tables(fromCsv));

        var (code, daily) = await RunAsync("--calibration-end", "1997-09-30", "--end", "1997-12-31", "--period-days", "1", "--file", Sample, "--svg", Path.Combine(_directory, "c.svg"));
        Assert.True(code == 0, daily);
        Assert.Contains("holdout 1997-10-01 to 1997-12-31 (92 days)", daily, StringComparison.Ordinal);

        // The cohort first bought in 1997's first quarter: cut in February, the later starters are left out.
        var lateStarters = File.ReadLines(Sample)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .GroupBy(f => f[1], f => f[2])
            .Count(g => string.CompareOrdinal(g.Min(StringComparer.Ordinal), "19970215") > 0);
        Assert.InRange(lateStarters, 1, 2_356);
        var (februaryCode, february) = await RunAsync("--calibration-end", "1997-02-15", "--file", Sample, "--svg", Path.Combine(_directory, "d.svg"));
        Assert.True(februaryCode == 0, february);
        Assert.Contains($": {2_357 - lateStarters:N0} customers; {lateStarters:N0} left out (first purchase after the calibration end).", february, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--calibration-end: '1997-13-01' is not a date such as 1997-09-30.", "--calibration-end", "1997-13-01", "--file", "{head}")]
    [InlineData("Option '--calibration-end' is required.", "--file", "{head}")]
    [InlineData("--format must be cdnow, cdnow-sample or csv; got 'xml'.", "--calibration-end", "1997-09-30", "--file", "{head}", "--format", "xml")]
    [InlineData("--period-days must be between 1 and 3,650; got 0.", "--calibration-end", "1997-09-30", "--file", "{head}", "--period-days", "0")]
    [InlineData("--file: there is no file", "--calibration-end", "1997-09-30", "--file", "{missing}")]
    [InlineData("--end 1997-09-30 must be after --calibration-end 1997-09-30.", "--calibration-end", "1997-09-30", "--end", "1997-09-30", "--file", "{head}")]
    [InlineData("--calibration-end 1998-06-20 leaves no holdout: the last purchase in CDNOW_sample_head.txt is on 1998-06-20", "--calibration-end", "1998-06-20", "--file", "{head}")]
    [InlineData("--calibration-end 1996-12-31 is before the first purchase in CDNOW_sample_head.txt (1997-01-01)", "--calibration-end", "1996-12-31", "--file", "{head}")]
    [InlineData("--format csv needs --customer COL and --timestamp COL", "--calibration-end", "1997-09-30", "--file", "{head}", "--format", "csv")]
    [InlineData("--customer, --timestamp, --kind and --date-format apply to --format csv only.", "--calibration-end", "1997-09-30", "--file", "{head}", "--customer", "id")]
    [InlineData("--format cdnow-sample: CDNOW_master_head.txt has the CDNOW master layout (4 columns); use --format cdnow.", "--calibration-end", "1997-09-30", "--file", "{master}", "--format", "cdnow-sample")]
    [InlineData("--file: example_transactions_head.csv, line 1: 1 columns; a CDNOW file has 4", "--calibration-end", "1997-09-30", "--file", "{csv}")]
    [InlineData("--svg: could not write", "--calibration-end", "1997-09-30", "--file", "{sample}", "--svg", "{nowhere}")]
    public async Task Bad_option_values_fail_with_an_error_that_names_the_option(string message, params string[] args)
    {
        var resolved = args.Select(a => a
            .Replace("{head}", Path.Combine(DataDirectory, "CDNOW_sample_head.txt"), StringComparison.Ordinal)
            .Replace("{master}", Path.Combine(DataDirectory, "CDNOW_master_head.txt"), StringComparison.Ordinal)
            .Replace("{csv}", Path.Combine(DataDirectory, "example_transactions_head.csv"), StringComparison.Ordinal)
            .Replace("{sample}", Sample, StringComparison.Ordinal)
            .Replace("{missing}", Path.Combine(_directory, "missing.txt"), StringComparison.Ordinal)
            .Replace("{nowhere}", Path.Combine(_directory, "no", "such", "dir", "chart.svg"), StringComparison.Ordinal));
        var svg = args.Contains("--svg") ? [] : new[] { "--svg", Path.Combine(_directory, "unused.svg") };

        var (code, output) = await RunAsync([.. resolved, .. svg]);

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var root = new RootCommand { ModelCommand.Create(CommonOptions.Url(), console) };
        var code = await root.Parse(["model", "report-clv", .. args]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }

    private static string Line(string output, string containing) =>
        output.Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line with '{containing}' in:\n{output}");

    /// <summary>The cells of a table row: the text between the vertical bars, trimmed.</summary>
    private static List<string> Cells(string row) =>
        [.. row.Split('│', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).Where(c => c.Length > 0)];

    /// <summary>A model's parameter from the comparison's parameters cells (<c>r = 0.2426</c>), by model column.</summary>
    private static double Parameter(string output, string name, int model)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains("│ parameters ", StringComparison.Ordinal));
        for (var i = start; i < lines.Length && lines[i].Contains('│', StringComparison.Ordinal); i++)
        {
            var cells = Cells(lines[i]).Where(c => c.Contains(" = ", StringComparison.Ordinal)).ToList();
            if (cells.Count > model && cells[model].StartsWith(name + " = ", StringComparison.Ordinal))
            {
                return double.Parse(cells[model][(name.Length + 3)..], CultureInfo.InvariantCulture);
            }
        }

        throw new Xunit.Sdk.XunitException($"no parameter {name} for model {model} in:\n{output}");
    }

    /// <summary>The table lines of a report (everything drawn with box characters), which do not name the file.</summary>
    private static List<string> Tables(string output) =>
        [.. output.Split('\n').Where(l => l.Contains('│', StringComparison.Ordinal))];
}
