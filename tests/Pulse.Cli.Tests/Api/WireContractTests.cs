using System.Text.Json;
using System.Text.Json.Serialization;
using Pulse.Cli.Api;
using Server = Pulse.Contracts;
using WebModels = Pulse.Web.Models;

namespace Pulse.Cli.Tests.Api;

/// <summary>The CLI's wire records read what the server writes, and the server reads what the CLI writes (the server's JSON options).</summary>
public sealed class WireContractTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions ServerJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [Fact]
    public void A_profile_with_churn_sentiment_and_attributes_reads_back()
    {
        var profile = new Server.Customers.CustomerProfile(
            "c-1", At, At.AddDays(-90), At.AddDays(-2), 42, 99, new Dictionary<string, double> { ["kind.complaint.count.7d"] = 3 },
            new Server.Customers.RfmView(2, 30, 80, 25m, new DateOnly(2024, 12, 1), 75m, 0m),
            Churn: new Server.Customers.ChurnRisk(3, At, 0.73, [new("complaints-7d", 0.8, "3 complaints in the last 7 days"), new("tenure", -0.2, "a customer for 24 months")]),
            Sentiment: new Server.Customers.CustomerSentiment(-0.4, -0.1, -0.3, 5.5, -0.8, At.AddDays(-2)),
            Attributes: new Dictionary<string, string> { ["Contract"] = "Month-to-month" });

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(profile, ServerJson), PulseJsonContext.Default.CustomerProfile)!;

        Assert.Equal(3, read.Churn!.ModelVersion);
        Assert.Equal(0.73, read.Churn.Probability);
        Assert.Equal([("complaints-7d", 0.8, "3 complaints in the last 7 days"), ("tenure", -0.2, "a customer for 24 months")], read.Churn.Reasons!.Select(r => (r.Feature, r.Contribution, r.Text)));
        Assert.Equal((-0.4, -0.1, -0.3, 5.5, -0.8, At.AddDays(-2)), (read.Sentiment!.Level, read.Sentiment.MonthLevel, read.Sentiment.Trend, read.Sentiment.Texts30Days, read.Sentiment.Last, read.Sentiment.LastAt));
        Assert.Equal("Month-to-month", read.Attributes!["Contract"]);
    }

    [Fact]
    public void A_published_model_and_the_listing_read_back()
    {
        var published = new Server.Models.PublishedModel(
            "churn", 5, "FastTree", 11, At, At.AddSeconds(1), "pulse-cli", "interaction log", "abc", 300, 100,
            new Dictionary<string, double> { ["auc"] = 0.85, ["calibration-error"] = double.NaN }, "def", 4096);
        IReadOnlyList<WebModels.ModelListing> listing = [new("churn", 5, "FastTree", At, "pulse-cli", published.Metrics), new("sentiment", 0, "none", null, null, new Dictionary<string, double>())];

        var model = JsonSerializer.Deserialize(JsonSerializer.Serialize(published, ServerJson), PulseJsonContext.Default.PublishedModel)!;
        var models = JsonSerializer.Deserialize(JsonSerializer.Serialize(listing, ServerJson), PulseJsonContext.Default.IReadOnlyListModelListing)!;

        Assert.Equal(("churn", 5, 300, 100, 4096L), (model.Name, model.Version, model.TrainingRows, model.HoldoutRows, model.ArtifactBytes));
        Assert.Equal(0.85, model.Metrics!["auc"]);
        Assert.True(double.IsNaN(model.Metrics["calibration-error"]));
        Assert.Equal([("churn", 5), ("sentiment", 0)], models.Select(m => (m.Name, m.Version)));
        Assert.Null(models[1].PublishedAt);
    }

    [Fact]
    public void The_churn_training_payload_is_the_body_the_server_reads()
    {
        var payload = new ChurnTrainPayload("attribute", 30, 4, null, "2024-06-01T00:00:00.0000000+00:00", "Churn", "Yes", 0.2, 11, "pulse-cli");

        var body = JsonSerializer.Deserialize<WebModels.ChurnTrainBody>(JsonSerializer.Serialize(payload, PulseJsonContext.Default.ChurnTrainPayload), ServerJson);

        Assert.Equal(new WebModels.ChurnTrainBody("attribute", 30, 4, null, "2024-06-01T00:00:00.0000000+00:00", "Churn", "Yes", 0.2, 11, "pulse-cli"), body);
    }
}
