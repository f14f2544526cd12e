using System.Globalization;
using System.Xml.Linq;

namespace Pulse.Analytics.Clv;

/// <summary>
/// The BG/NBD paper's conditional-expectation plot of a <see cref="HoldoutReport"/> as a self-contained
/// SVG (no scripts, fonts, styles or images from elsewhere): calibration repeat purchases 0, 1, ..., 7+
/// across, mean holdout purchases up; the actual means as a solid line with filled markers, each model's
/// as a dashed line with open markers. Models the report left out are named in a note at the bottom.
/// </summary>
/// <remarks>
/// Every series is a <c>g</c> element with <c>class="series"</c> and <c>data-series</c> (its name); every
/// marker a <c>circle</c> with <c>data-bucket</c> (<c>0</c> ... <c>7+</c>), <c>data-customers</c> and
/// <c>data-value</c> (the mean, invariant culture), and a <c>title</c> a browser shows on hover.
/// </remarks>
public static class HoldoutChart
{
    private const double Width = 760;
    private const double Height = 500;
    private const double Left = 76;
    private const double Right = 24;
    private const double Top = 78;
    private const double Bottom = 64;
    private const string ActualColour = "#222222";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string[] ModelColours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];
    private static readonly string[] ModelDashes = ["7 4", "2 3", "10 3 2 3", "4 4", "1 2"];

    /// <summary>The chart as SVG text.</summary>
    public static string Render(HoldoutReport report) => Document(report).ToString();

    /// <summary>The chart as an SVG document.</summary>
    public static XDocument Document(HoldoutReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var window = report.Window;
        var categories = report.OpenBucket + 1;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var values = report.Buckets.SelectMany(b => b.MeanPredicted.Prepend(b.MeanActual)).Where(double.IsFinite).DefaultIfEmpty(0);
        var (yMax, step) = Scale(values.Max());

        double X(int bucket) => Left + ((bucket + 0.5) * plotWidth / categories);
        double Y(double value) => Top + plotHeight - (value / yMax * plotHeight);

        var periods = PeriodName(window.PeriodDays);
        var title = "Holdout purchases by calibration repeat purchases";
        var subtitle = $"calibration to {Day(window.CalibrationEnd)}, holdout {Day(window.HoldoutStart)} to {Day(window.ObservationEnd)} "
            + $"({Number(window.HoldoutLength, "0.##")} {periods}); {report.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers";

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Number(Width)),
            new XAttribute("height", Number(Height)),
            new XAttribute("viewBox", $"0 0 {Number(Width)} {Number(Height)}"),
            new XAttribute("font-family", "Helvetica, Arial, sans-serif"),
            new XAttribute("font-size", "12"),
            new XElement(Svg + "title", $"{title}: {subtitle}"),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            Text(Width / 2, 28, title, "middle", ("font-size", "17"), ("font-weight", "bold"), ("class", "title")),
            Text(Width / 2, 50, subtitle, "middle", ("fill", "#555555"), ("class", "subtitle")));

        // Grid and y axis ticks.
        var grid = new XElement(Svg + "g", new XAttribute("class", "y-axis"));
        for (var tick = 0.0; tick <= yMax + (step / 1e6); tick += step)
        {
            var y = Y(tick);
            grid.Add(Line(Left, y, Left + plotWidth, y, tick == 0 ? "#444444" : "#e3e3e3"));
            grid.Add(Text(Left - 8, y + 4, Number(tick, "0.##"), "end"));
        }

        svg.Add(grid);

        var xAxis = new XElement(Svg + "g", new XAttribute("class", "x-axis"), Line(Left, Top, Left, Top + plotHeight, "#444444"));
        for (var bucket = 0; bucket < categories; bucket++)
        {
            var label = bucket.ToString(CultureInfo.InvariantCulture) + (bucket == report.OpenBucket ? "+" : string.Empty);
            xAxis.Add(Line(X(bucket), Top + plotHeight, X(bucket), Top + plotHeight + 5, "#444444"));
            xAxis.Add(Text(X(bucket), Top + plotHeight + 19, label, "middle"));
        }

        svg.Add(xAxis);
        svg.Add(Text(Left + (plotWidth / 2), Height - 16, $"Repeat purchases in the calibration period (to {Day(window.CalibrationEnd)})", "middle", ("class", "x-label")));
        var yLabelX = 22.0;
        var yLabelY = Top + (plotHeight / 2);
        svg.Add(Text(yLabelX, yLabelY, $"Mean purchases per customer in the holdout ({Number(window.HoldoutLength, "0.##")} {periods})", "middle",
            ("transform", $"rotate(-90 {Number(yLabelX)} {Number(yLabelY)})"), ("class", "y-label")));

        // Series: the actual means, then each model's predictions.
        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        var series = new List<(string Name, string Colour, string? Dash, Func<HoldoutBucket, double> Value)> { ("Actual", ActualColour, null, b => b.MeanActual) };
        for (var m = 0; m < report.Models.Count; m++)
        {
            var index = m;
            series.Add((report.Models[m].Model, ModelColours[m % ModelColours.Length], ModelDashes[m % ModelDashes.Length], b => b.MeanPredicted[index]));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var (name, colour, dash, value) = series[s];
            var group = new XElement(Svg + "g", new XAttribute("class", "series"), new XAttribute("data-series", name));
            var points = string.Join(" ", report.Buckets.Select(b => $"{Number(X(b.Frequency))},{Number(Y(value(b)))}"));
            var line = new XElement(Svg + "polyline",
                new XAttribute("points", points), new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"));
            if (dash is not null)
            {
                line.Add(new XAttribute("stroke-dasharray", dash));
            }

            group.Add(line);
            foreach (var bucket in report.Buckets)
            {
                var v = value(bucket);
                group.Add(new XElement(Svg + "circle",
                    new XAttribute("cx", Number(X(bucket.Frequency))),
                    new XAttribute("cy", Number(Y(v))),
                    new XAttribute("r", "4"),
                    new XAttribute("fill", dash is null ? colour : "#ffffff"),
                    new XAttribute("stroke", colour),
                    new XAttribute("stroke-width", "2"),
                    new XAttribute("data-bucket", bucket.Label),
                    new XAttribute("data-customers", bucket.Customers.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("data-value", v.ToString("R", CultureInfo.InvariantCulture)),
                    new XElement(Svg + "title", $"{name}, {bucket.Label} calibration repeat purchases ({bucket.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers): {Number(v, "0.###")}")));
            }

            svg.Add(group);

            // The legend sits in the empty top-left corner: means rise with calibration frequency.
            var ly = Top + 14 + (s * 20);
            var sample = Line(Left + 14, ly, Left + 44, ly, colour);
            sample.SetAttributeValue("stroke-width", "2");
            if (dash is not null)
            {
                sample.SetAttributeValue("stroke-dasharray", dash);
            }

            legend.Add(sample);
            legend.Add(new XElement(Svg + "circle",
                new XAttribute("cx", Number(Left + 29)), new XAttribute("cy", Number(ly)), new XAttribute("r", "4"),
                new XAttribute("fill", dash is null ? colour : "#ffffff"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2")));
            legend.Add(Text(Left + 52, ly + 4, name, "start"));
        }

        svg.Add(legend);
        if (report.Failures.Count > 0)
        {
            var note = "Left out: " + string.Join("; ", report.Failures.Select(f => $"{f.Model} ({Shorten(f.Reason, 90)})"));
            svg.Add(Text(Width - Right, Height - 2, note, "end", ("font-size", "10"), ("fill", "#a05a00"), ("class", "failures")));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg);
    }

    /// <summary>An axis maximum at or above <paramref name="max"/> on a 1-2-2.5-5 step, with about five steps.</summary>
    private static (double Max, double Step) Scale(double max)
    {
        if (!(max > 0))
        {
            return (1, 0.2);
        }

        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return (Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    private static string PeriodName(double days) => days switch
    {
        7 => "weeks",
        1 => "days",
        _ => $"periods of {Number(days, "0.##")} days",
    };

    private static XElement Line(double x1, double y1, double x2, double y2, string colour) => new(Svg + "line",
        new XAttribute("x1", Number(x1)), new XAttribute("y1", Number(y1)),
        new XAttribute("x2", Number(x2)), new XAttribute("y2", Number(y2)),
        new XAttribute("stroke", colour));

    private static XElement Text(double x, double y, string text, string anchor, params (string Name, string Value)[] attributes)
    {
        var element = new XElement(Svg + "text",
            new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("text-anchor", anchor), text);
        foreach (var (name, value) in attributes)
        {
            element.SetAttributeValue(name, value);
        }

        return element;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
