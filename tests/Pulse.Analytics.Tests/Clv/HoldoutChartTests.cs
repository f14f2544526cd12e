using System.Globalization;
using System.Xml.Linq;
using Pulse.Analytics.Clv;

namespace Pulse.Analytics.Tests.Clv;

public sealed class HoldoutChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly HoldoutReport Report = new(
        new HoldoutWindow(new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30), 7),
        Customers: 100,
        ActualTotal: 52,
        OpenBucket: 7,
        Models:
        [
            new HoldoutModelScore("BG/NBD", Fit(), 0.6, 1.2, 50.5),
            new HoldoutModelScore("Pareto/NBD", Fit(), 0.61, 1.21, 51),
        ],
        Buckets:
        [
            new HoldoutBucket(0, false, 60, 0.25, [0.125, 0.14]),
            new HoldoutBucket(1, false, 25, 0.6, [0.7, 0.72]),
            new HoldoutBucket(3, false, 10, 1.5, [1.4, 1.45]),
            new HoldoutBucket(7, true, 5, 6.4, [6.1, 6.0]),
        ],
        Failures: []);

    [Fact]
    public void TheChartIsWellFormedSvgWithOneSeriesForTheActualMeansAndOnePerModel()
    {
        var svg = XDocument.Parse(HoldoutChart.Render(Report)).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        var series = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(["Actual", "BG/NBD", "Pareto/NBD"], series.Select(s => (string)s.Attribute("data-series")!));

        for (var s = 0; s < series.Count; s++)
        {
            var markers = series[s].Elements(Svg + "circle").ToList();
            Assert.Equal(["0", "1", "3", "7+"], markers.Select(c => (string)c.Attribute("data-bucket")!));
            var expected = Report.Buckets.Select(b => s == 0 ? b.MeanActual : b.MeanPredicted[s - 1]).ToList();
            Assert.Equal(expected, markers.Select(c => double.Parse((string)c.Attribute("data-value")!, CultureInfo.InvariantCulture)));
            Assert.Equal(Report.Buckets.Select(b => b.Customers), markers.Select(c => long.Parse((string)c.Attribute("data-customers")!, CultureInfo.InvariantCulture)));

            // Higher means are drawn higher up (smaller y), and the line goes through the markers.
            var ys = markers.Select(c => double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(ys.OrderDescending(), ys);
            var line = (string)series[s].Element(Svg + "polyline")!.Attribute("points")!;
            Assert.Equal(markers.Select(c => $"{c.Attribute("cx")!.Value},{c.Attribute("cy")!.Value}"), line.Split(' '));
        }
    }

    [Fact]
    public void TheChartNamesItsAxesPeriodsAndModels()
    {
        var svg = XDocument.Parse(HoldoutChart.Render(Report)).Root!;
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains(texts, t => t.Contains("calibration to 1997-09-30", StringComparison.Ordinal) && t.Contains("holdout 1997-10-01 to 1998-06-30 (39 weeks)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Repeat purchases in the calibration period", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Mean purchases per customer in the holdout", StringComparison.Ordinal));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis").Elements(Svg + "text").Select(t => t.Value));
        var legend = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");
        Assert.Equal(["Actual", "BG/NBD", "Pareto/NBD"], legend.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void TheChartIsSelfContained()
    {
        var svg = XDocument.Parse(HoldoutChart.Render(Report)).Root!;

        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "image" or "script" or "style" or "use" or "foreignObject");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => !a.IsNamespaceDeclaration && (a.Name.LocalName == "href" || a.Value.Contains("url(", StringComparison.Ordinal) || a.Value.Contains("://", StringComparison.Ordinal)));
    }

    [Fact]
    public void ModelsTheReportLeftOutAreNamedOnTheChart()
    {
        var report = Report with { Models = [Report.Models[1]], Buckets = [.. Report.Buckets.Select(b => b with { MeanPredicted = [b.MeanPredicted[1]] })], Failures = [new("BG/NBD", "the fit did not converge: Maximum iterations (1000) reached.")] };
        var svg = XDocument.Parse(HoldoutChart.Render(report)).Root!;

        Assert.Equal(["Actual", "Pareto/NBD"], svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(s => (string)s.Attribute("data-series")!));
        var note = svg.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "failures").Value;
        Assert.Equal("Left out: BG/NBD (the fit did not converge: Maximum iterations (1000) reached.)", note);
        Assert.DoesNotContain(XDocument.Parse(HoldoutChart.Render(Report)).Descendants(Svg + "text"), t => (string?)t.Attribute("class") == "failures");
    }

    private static ModelFit Fit() => new(["k"], [1], -1, 1, true, new double[1, 1], 100);
}
