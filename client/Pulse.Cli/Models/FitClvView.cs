using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Models;

/// <summary>A published lifetime-value version: what it was fitted on and each model's parameters with standard errors.</summary>
internal static class FitClvView
{
    public static IRenderable Render(PublishedClvModel model)
    {
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]version[/]", $"[bold yellow]{model.Version}[/]");
        header.AddRow("as of", model.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        header.AddRow("period", $"{model.PeriodDays.ToString("0.###", CultureInfo.InvariantCulture)} days");
        header.AddRow("customers", $"{model.Customers:N0} ({model.DistinctTriples:N0} distinct triples)");
        header.AddRow("asked by", Markup.Escape(model.RequestedBy));
        header.AddRow("fit took", $"{model.FitDuration.TotalMilliseconds:N0} ms");

        var table = new Table().Border(TableBorder.Rounded).Title("fitted parameters")
            .AddColumn("model").AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned())
            .AddColumn(new TableColumn("std. error").RightAligned()).AddColumn(new TableColumn("log-likelihood").RightAligned()).AddColumn(new TableColumn("iterations").RightAligned());
        Add(table, "BG/NBD", model.BgNbd);
        Add(table, "Gamma-Gamma", model.GammaGamma);
        if (model.ParetoNbd is { } pareto)
        {
            Add(table, "Pareto/NBD", pareto);
        }

        return new Rows(new Panel(header).Header("lifetime-value model").Border(BoxBorder.Rounded), table);
    }

    private static void Add(Table table, string name, FittedModel fit)
    {
        for (var i = 0; i < fit.Names.Count; i++)
        {
            table.AddRow(
                i == 0 ? $"[bold]{name}[/]" : string.Empty,
                Markup.Escape(fit.Names[i]),
                fit.Values[i].ToString("G6", CultureInfo.InvariantCulture),
                fit.StandardErrors[i].ToString("G3", CultureInfo.InvariantCulture),
                i == 0 ? fit.LogLikelihood.ToString("N2", CultureInfo.InvariantCulture) : string.Empty,
                i == 0 ? fit.Iterations.ToString(CultureInfo.InvariantCulture) + (fit.Converged ? string.Empty : " [red](not converged)[/]") : string.Empty);
        }
    }
}
