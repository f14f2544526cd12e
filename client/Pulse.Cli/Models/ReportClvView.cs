using System.Globalization;
using Pulse.Analytics.Clv;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>The tables of <c>pulse model report-clv</c>: holdout purchases per calibration frequency, and the models side by side.</summary>
internal static class ReportClvView
{
    /// <summary>Mean holdout purchases per customer, actual and predicted by each model, per calibration repeat purchases; all customers in the footer.</summary>
    public static Table Buckets(HoldoutReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var customers = Math.Max(1, report.Customers);
        var table = new Table().Border(TableBorder.Rounded).ShowFooters()
            .Title($"[bold]Holdout purchases per customer[/] ({Markup.Escape(Periods(report.Window))})")
            .AddColumn(new TableColumn("calibration repeat purchases").Footer("[bold]all[/]"))
            .AddColumn(new TableColumn("customers").RightAligned().Footer($"[bold]{report.Customers:N0}[/]"))
            .AddColumn(new TableColumn("actual").RightAligned().Footer($"[bold]{Mean(report.MeanActual)}[/]"));
        foreach (var model in report.Models)
        {
            table.AddColumn(new TableColumn(Markup.Escape(model.Model)).RightAligned().Footer($"[bold]{Mean(model.PredictedTotal / customers)}[/]"));
        }

        foreach (var bucket in report.Buckets)
        {
            table.AddRow([bucket.Label, $"{bucket.Customers:N0}", Mean(bucket.MeanActual), .. bucket.MeanPredicted.Select(Mean)]);
        }

        return table;
    }

    /// <summary>
    /// The models side by side: holdout errors per customer (the lowest in green), the holdout total each
    /// predicted against the actual, and the calibration fit (log-likelihood and parameters).
    /// </summary>
    public static Table Models(HoldoutReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]Models[/] (holdout error per customer; actual total {report.ActualTotal:N0})")
            .AddColumn(string.Empty);
        foreach (var model in report.Models)
        {
            table.AddColumn(new TableColumn(Markup.Escape(model.Model)).RightAligned());
        }

        var bestMae = report.Models.Min(m => m.MeanAbsoluteError);
        var bestRmse = report.Models.Min(m => m.RootMeanSquaredError);
        table.AddRow(["MAE", .. report.Models.Select(m => Best(Error(m.MeanAbsoluteError), m.MeanAbsoluteError == bestMae))]);
        table.AddRow(["RMSE", .. report.Models.Select(m => Best(Error(m.RootMeanSquaredError), m.RootMeanSquaredError == bestRmse))]);
        table.AddRow(["predicted total", .. report.Models.Select(m => Total(m.PredictedTotal, report.ActualTotal))]);
        table.AddRow(["log-likelihood", .. report.Models.Select(m => m.Fit.LogLikelihood.ToString("N2", CultureInfo.InvariantCulture) + (m.Fit.Converged ? string.Empty : " [yellow](not converged)[/]"))]);
        table.AddRow(["parameters", .. report.Models.Select(m => Markup.Escape(Parameters(m.Fit)))]);
        return table;
    }

    /// <summary><c>39 weeks</c>, <c>273 days</c>, or <c>19.5 periods of 14 days</c>.</summary>
    public static string Periods(HoldoutWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var length = window.HoldoutLength.ToString("0.##", CultureInfo.InvariantCulture);
        return window.PeriodDays switch
        {
            7 => $"{length} weeks",
            1 => $"{length} days",
            _ => $"{length} periods of {window.PeriodDays.ToString("0.##", CultureInfo.InvariantCulture)} days",
        };
    }

    private static string Mean(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Error(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Best(string text, bool best) => best ? $"[green bold]{text}[/]" : text;

    private static string Total(double predicted, long actual) =>
        predicted.ToString("N1", CultureInfo.InvariantCulture)
        + (actual == 0 ? string.Empty : $" ({((predicted - actual) / actual).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)})");

    private static string Parameters(ModelFit fit) =>
        string.Join("\n", fit.Names.Select((name, i) => $"{name} = {fit.Parameters[i].ToString("0.####", CultureInfo.InvariantCulture)}"));
}
