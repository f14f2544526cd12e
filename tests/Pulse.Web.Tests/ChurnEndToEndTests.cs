using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Web.Tests;

/// <summary>
/// Issue 5 end to end on the postgres profile: IBM Telco's CRM export imported as customer attributes
/// over the ingest API, the churn model trained from them through the API (AUC on a stratified
/// holdout), live scores with reasons and sentiment, and the same models serving after a restart.
/// </summary>
public sealed class ChurnEndToEndTests
{
    private const string Customer = "7590-VHVEG"; // Month-to-month, one month of tenure, electronic check: churned in the data.

    [Fact]
    public async Task Telco_attributes_train_a_churn_model_that_scores_live_and_survives_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await TemporaryPostgres.StartAsync(ct);
        await PulseSchema.ApplyAsync(postgres.ConnectionString, ct);
        var clusterId = $"pg-churn-{Guid.NewGuid():N}";

        double probability;
        await using (var first = await StartAsync(postgres.ConnectionString, clusterId, ct))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
            var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Data", "telco", "Telco-Customer-Churn.csv"), ct);
            var header = lines[0].Split(',');
            var events = lines.Skip(1).Select(line =>
            {
                var cells = line.Split(',');
                var properties = new Dictionary<string, string>();
                for (var i = 1; i < header.Length; i++)
                {
                    properties[header[i]] = cells[i];
                }

                return new { eventId = $"attributes:{cells[0]}", customerId = cells[0], timestamp = now, channel = "web", kind = "profile-update", properties };
            }).ToList();
            foreach (var chunk in events.Chunk(2_000))
            {
                using var ingest = await http.PostAsJsonAsync("/api/v1/interactions", chunk, ct);
                Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            }

            using (var bad = await http.PostAsJsonAsync("/api/v1/models/churn/train", new { label = "attribute", labelAttribute = "Churn" }, ct))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.Contains("positiveValue", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            }

            using var train = await http.PostAsJsonAsync("/api/v1/models/churn/train", new { label = "attribute", labelAttribute = "Churn", positiveValue = "Yes", requestedBy = "telco test" }, ct);
            var model = JsonNode.Parse(await train.Content.ReadAsStringAsync(ct))!;
            Assert.True(train.StatusCode == HttpStatusCode.OK, model.ToJsonString() + Environment.NewLine + PostgresSilo.ErrorsOf(first));
            Assert.Equal(1, model["version"]!.GetValue<int>());
            var auc = model["metrics"]!["auc"]!.GetValue<double>();
            Assert.True(auc >= 0.83, $"Telco holdout AUC {auc:F4}");
            Assert.Equal(1409, model["holdoutRows"]!.GetValue<int>());

            var listing = JsonNode.Parse(await http.GetStringAsync("/api/v1/models", ct))!.AsArray();
            Assert.Equal(["clv", "sentiment", "churn"], listing.Select(m => m!["name"]!.GetValue<string>()));
            Assert.Equal(1, listing[1]!["version"]!.GetValue<int>());
            Assert.Equal(auc, listing[2]!["metrics"]!["auc"]!.GetValue<double>());

            // The customer calls, upset: the tone is scored and the risk comes with reasons, live.
            using (var call = await http.PostAsJsonAsync("/api/v1/interactions", new[] { new { eventId = "call-1", customerId = Customer, timestamp = DateTimeOffset.UtcNow.ToString("O"), channel = "call-centre", kind = "complaint", text = "This is the third time my internet dropped this week. Terrible service, I want to cancel." } }, ct))
            {
                Assert.Equal(HttpStatusCode.OK, call.StatusCode);
            }

            var profile = await EventuallyAsync(http, p => p["churn"]?["modelVersion"]?.GetValue<int>() == 1 && p["sentiment"] is not null && p["interactionCount"]!.GetValue<long>() == 2, ct);
            probability = profile["churn"]!["probability"]!.GetValue<double>();
            Assert.True(probability > 0.5, $"p = {probability}");
            var reasons = profile["churn"]!["reasons"]!.AsArray();
            Assert.Equal(3, reasons.Count);
            Assert.Contains(reasons, r => r!["text"]!.GetValue<string>() is "Contract is Month-to-month" or "tenure is 1");
            Assert.True(profile["sentiment"]!["level"]!.GetValue<double>() < 0);
            Assert.Equal("Month-to-month", profile["attributes"]!["Contract"]!.GetValue<string>());
            Assert.Null(profile["attributes"]!["customerID"]);
            await first.StopAsync(ct);
        }

        await using var second = await StartAsync(postgres.ConnectionString, clusterId, ct);
        using var again = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        var restored = await EventuallyAsync(again, p => p["churn"]?["modelVersion"]?.GetValue<int>() == 1, ct);
        Assert.Equal(probability, restored["churn"]!["probability"]!.GetValue<double>(), 2);
        Assert.NotNull(restored["sentiment"]);
        var versions = JsonNode.Parse(await again.GetStringAsync("/api/v1/models/churn/versions", ct))!.AsArray();
        Assert.Equal("telco test", Assert.Single(versions)!["requestedBy"]!.GetValue<string>());
        using var artifact = await again.GetAsync("/api/v1/models/churn/versions/1/artifact", ct);
        Assert.Equal("application/zip", artifact.Content.Headers.ContentType?.MediaType);
        await second.StopAsync(ct);
    }

    private static Task<JsonNode> EventuallyAsync(HttpClient http, Func<JsonNode, bool> condition, CancellationToken ct) =>
        http.EventuallyAsync($"/api/v1/customers/{Customer}", condition, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), ct);

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(string connectionString, string clusterId, CancellationToken ct) =>
        PostgresSilo.StartAsync(connectionString, clusterId, ct);
}
