using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pulse.Analytics.Clv;

namespace Pulse.Web.Tests;

/// <summary>A host of its own whose population is exactly the CDNOW sample.</summary>
public sealed class CdnowHostFixture : SiloHostFixture
{
}

/// <summary>
/// The CDNOW sample (2,357 customers) sent in through the ingest API, the models fitted through the
/// API as of 1997-09-30 in weeks, and the fits compared with the published values; then a customer's
/// live scores.
/// </summary>
public sealed class ClvEndToEndTests(CdnowHostFixture host) : IClassFixture<CdnowHostFixture>
{
    private static readonly DateTimeOffset CalibrationEnd = new(1997, 9, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CdnowThroughTheApiGivesThePublishedFitsAndLiveScores()
    {
        var ct = TestContext.Current.CancellationToken;
        var transactions = LoadSample();
        foreach (var batch in transactions.Chunk(1_000))
        {
            using var response = await host.Http.PostAsJsonAsync("/api/v1/interactions", batch.Select(t => new
            {
                eventId = $"cdnow-{t.Line}",
                customerId = $"cdnow-{t.Customer}",
                timestamp = t.Day.ToDateTime(TimeOnly.MinValue).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                channel = "web",
                kind = "purchase",
                amount = t.Amount,
            }), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var fitResponse = await host.Http.PostAsJsonAsync("/api/v1/models/clv/fit", new { asOf = "1997-09-30", periodDays = 7, requestedBy = "cdnow test" }, ct);
        var model = JsonNode.Parse(await fitResponse.Content.ReadAsStringAsync(ct))!;
        Assert.True(fitResponse.StatusCode == HttpStatusCode.OK, model.ToJsonString());
        Assert.Equal(2357, model["customers"]!.GetValue<long>());
        Assert.Equal("cdnow test", model["requestedBy"]!.GetValue<string>());

        // BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way", section 5.
        AssertParameters(model["bgNbd"]!, ("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426));
        Assert.Equal(-9582.4, model["bgNbd"]!["logLikelihood"]!.GetValue<double>(), 0.5);

        // Gamma-Gamma: Fader & Hardie (2013), "The Gamma-Gamma model of monetary value" (946 repeat buyers).
        AssertParameters(model["gammaGamma"]!, ("p", 6.25), ("q", 3.74), ("v", 15.44));
        Assert.Equal(946, model["gammaGamma"]!["observations"]!.GetValue<long>());

        // Pareto/NBD: Fader, Hardie & Lee (2005), the same paper's comparison fit.
        AssertParameters(model["paretoNbd"]!, ("r", 0.553), ("alpha", 10.58), ("s", 0.606), ("beta", 11.67));

        var version = model["version"]!.GetValue<int>();
        using (var latest = await host.Http.GetAsync("/api/v1/models/clv", ct))
        {
            Assert.Equal(version, JsonNode.Parse(await latest.Content.ReadAsStringAsync(ct))!["version"]!.GetValue<int>());
        }

        // A repeat buyer whose last purchase in the whole sample is before the calibration end: going
        // silent, P(alive) must fall between 1997-09-30 and 1998-06-30 with no new event.
        var silent = transactions.GroupBy(t => t.Customer)
            .First(g => g.Select(t => t.Day).Distinct().Count() >= 3 && g.Max(t => t.Day) < DateOnly.FromDateTime(CalibrationEnd.UtcDateTime));
        var id = $"cdnow-{silent.Key}";
        var atCalibration = await ValueAsync(id, CalibrationEnd, version, ct);
        var later = await ValueAsync(id, new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero), version, ct);

        var fitted = new BgNbdModel(Value(model["bgNbd"]!, "r"), Value(model["bgNbd"]!, "alpha"), Value(model["bgNbd"]!, "a"), Value(model["bgNbd"]!, "b"));
        var days = silent.Select(t => t.Day.DayNumber).Distinct().Order().ToArray();
        var point = new RfmPoint(days.Length - 1, (days[^1] - days[0]) / 7.0, (DateOnly.FromDateTime(CalibrationEnd.UtcDateTime).DayNumber - days[0]) / 7.0);
        Assert.Equal(fitted.ProbabilityAlive(point), atCalibration["probabilityAlive"]!.GetValue<double>(), 1e-12);
        Assert.Equal(fitted.ExpectedPurchases(90 / 7.0, point), atCalibration["expectedPurchases90Days"]!.GetValue<double>(), 1e-12);
        Assert.True(later["probabilityAlive"]!.GetValue<double>() < atCalibration["probabilityAlive"]!.GetValue<double>(), "P(alive) did not fall while the customer stayed silent");

        var value = atCalibration["lifetimeValue"]!.GetValue<double>();
        Assert.True(value > 0);
        Assert.InRange(value, atCalibration["lifetimeValueLower"]!.GetValue<double>(), atCalibration["lifetimeValueUpper"]!.GetValue<double>());
        Assert.True(atCalibration["lifetimeValueUpper"]!.GetValue<double>() > atCalibration["lifetimeValueLower"]!.GetValue<double>());
    }

    [Fact]
    public async Task ABadFitRequestNamesTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        using var badDate = await host.Http.PostAsJsonAsync("/api/v1/models/clv/fit", new { asOf = "30/09/1997" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("asOf", await badDate.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var badPeriod = await host.Http.PostAsJsonAsync("/api/v1/models/clv/fit", new { periodDays = -1 }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("periodDays", await badPeriod.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var tooEarly = await host.Http.PostAsJsonAsync("/api/v1/models/clv/fit", new { asOf = "1900-01-01" }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode);
        Assert.Contains("1900-01-01", await tooEarly.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    private async Task<JsonNode> ValueAsync(string id, DateTimeOffset asOf, int version, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await host.Http.GetAsync($"/api/v1/customers/{id}?asOf={asOf:yyyy-MM-ddTHH:mm:ssZ}", ct);
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["value"] is { } value && value["modelVersion"]!.GetValue<int>() == version)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} did not show scores from model version {version} within 60 s");
            await Task.Delay(100, ct);
        }
    }

    private static void AssertParameters(JsonNode fit, params (string Name, double Published)[] expected)
    {
        foreach (var (name, published) in expected)
        {
            var actual = Value(fit, name);
            var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(published))) - 2);
            Assert.True(Math.Abs(actual - published) <= unit / 2, $"{name}: published {published}, fitted {actual} (3 significant figures)");
        }
    }

    private static double Value(JsonNode fit, string name)
    {
        var names = fit["names"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        return fit["values"]!.AsArray()[names.IndexOf(name)]!.GetValue<double>();
    }

    private static List<(int Line, int Customer, DateOnly Day, decimal Amount)> LoadSample()
    {
        // CDNOW_sample.txt: master id, sample id (1..2357), yyyyMMdd, CDs, dollars (see the analytics tests' SOURCE.md).
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow", "CDNOW_sample.txt");
        return [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select((line, i) =>
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (i, int.Parse(f[1], CultureInfo.InvariantCulture), DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture));
        })];
    }
}
