using System.Text.Json;
using System.Text.Json.Serialization;
using Pulse.Cli.Api;
using Server = Pulse.Contracts;
using WebModels = Pulse.Web.Models;
using WebSegments = Pulse.Web.Segments;

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
    public void A_profile_with_a_segment_move_reads_back()
    {
        var profile = new Server.Customers.CustomerProfile(
            "c-2", At, At.AddDays(-90), At.AddDays(-2), 4, 9, new Dictionary<string, double>(),
            new Server.Customers.RfmView(0, 0, 90, 0m, null, 0m, 0m),
            Segment: new Server.Segments.CustomerSegment(3, 1.42, 17, At.AddHours(-1), 1));
        var stayed = profile with { Segment = new Server.Segments.CustomerSegment(0, 0.5, 17, At, null) };

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(profile, ServerJson), PulseJsonContext.Default.CustomerProfile)!;
        var readStayed = JsonSerializer.Deserialize(JsonSerializer.Serialize(stayed, ServerJson), PulseJsonContext.Default.CustomerProfile)!;
        var readNone = JsonSerializer.Deserialize(JsonSerializer.Serialize(profile with { Segment = null }, ServerJson), PulseJsonContext.Default.CustomerProfile)!;

        Assert.Equal(new CustomerSegment(3, 1.42, 17, At.AddHours(-1), 1), read.Segment);
        Assert.Null(readStayed.Segment!.Previous);
        Assert.Null(readNone.Segment);
    }

    [Fact]
    public void The_segment_listing_reads_back()
    {
        var listing = new WebSegments.SegmentListing(
            1234, true, ["spend-90d", "complaints-30d"], 60,
            [
                new WebSegments.SegmentView(
                    0, 1520, 812.5, "high value, low complaints",
                    [new Server.Segments.SegmentTraitView("spend-90d", 1.24), new Server.Segments.SegmentTraitView("complaints-30d", -0.81)],
                    new Dictionary<string, double> { ["spend-90d"] = 420.5, ["complaints-30d"] = 0.1 },
                    1234.5, 0.07, 0.42, new WebSegments.SegmentMovement(0.01, 0.31, 0.5)),
                new WebSegments.SegmentView(1, 37, 20, "unhappy callers", [], new Dictionary<string, double>(), null, null, null, new WebSegments.SegmentMovement(0.2, 0.92, 1.1)),
            ],
            [new Server.Segments.SegmentDriftAlert(1, 0.92, 60, 1200, At)]);

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(listing, ServerJson), PulseJsonContext.Default.SegmentListing)!;

        Assert.Equal((1234L, true, 60), (read.ModelVersion, read.Seeded, read.WindowBatches));
        Assert.Equal(["spend-90d", "complaints-30d"], read.Features!);
        var first = read.Segments![0];
        Assert.Equal((0, 1520L, 812.5, "high value, low complaints"), (first.Id, first.Size, first.Weight, first.Description));
        Assert.Equal([new SegmentTraitView("spend-90d", 1.24), new SegmentTraitView("complaints-30d", -0.81)], first.Traits!);
        Assert.Equal(420.5, first.Centre!["spend-90d"]);
        Assert.Equal((1234.5, 0.07, 0.42), (first.MeanLifetimeValue, first.MeanChurnRisk, first.MeanSentiment));
        Assert.Equal(new SegmentMovement(0.01, 0.31, 0.5), first.Drift);
        Assert.Equal((null, null, null), (read.Segments[1].MeanLifetimeValue, read.Segments[1].MeanChurnRisk, read.Segments[1].MeanSentiment));
        Assert.Equal([new SegmentDriftAlert(1, 0.92, 60, 1200, At)], read.Alerts!);
    }

    [Fact]
    public void A_page_of_segment_customers_reads_back_with_and_without_a_next_cursor()
    {
        var page = new WebSegments.SegmentMembersPage(3, [new Server.Segments.SegmentMembership("c-1", 3, 1.42, 17, At.AddDays(-1), At)], "c-1");

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(page, ServerJson), PulseJsonContext.Default.SegmentMembersPage)!;
        var last = JsonSerializer.Deserialize(JsonSerializer.Serialize(page with { Next = null }, ServerJson), PulseJsonContext.Default.SegmentMembersPage)!;

        Assert.Equal((3, "c-1"), (read.Segment, read.Next));
        Assert.Equal([new SegmentMembership("c-1", 3, 1.42, 17, At.AddDays(-1), At)], read.Customers!);
        Assert.Null(last.Next);
    }

    [Fact]
    public void The_segmentation_status_and_a_k_suggestion_read_back()
    {
        var status = new Server.Segments.SegmentationStatus(5321, true, 2000, 1_234_567, new Dictionary<string, double> { ["S10.0.0.1:11111:1"] = 1.02 });
        var suggestion = new Server.Segments.KSuggestion([new(2, 4000, 0.41), new(3, 2000, double.NaN)], 3, 2, 2500);

        var readStatus = JsonSerializer.Deserialize(JsonSerializer.Serialize(status, ServerJson), PulseJsonContext.Default.SegmentationStatus)!;
        var readSuggestion = JsonSerializer.Deserialize(JsonSerializer.Serialize(suggestion, ServerJson), PulseJsonContext.Default.KSuggestion)!;

        Assert.Equal((5321L, true, 2000, 1_234_567L), (readStatus.Version, readStatus.Seeded, readStatus.SamplePoints, readStatus.PointsApplied));
        Assert.Equal(1.02, readStatus.FlushesPerSecondBySilo!["S10.0.0.1:11111:1"]);
        Assert.Equal((3, 2, 2500), (readSuggestion.Elbow, readSuggestion.BestSilhouette, readSuggestion.SampledCustomers));
        Assert.Equal((2, 4000.0, 0.41), (readSuggestion.Choices![0].K, readSuggestion.Choices[0].Inertia, readSuggestion.Choices[0].Silhouette));
        Assert.True(double.IsNaN(readSuggestion.Choices[1].Silhouette));
    }

    [Fact]
    public void A_network_the_influencers_and_the_graph_status_read_back()
    {
        var network = new Server.Graph.CustomerNetwork(
            "c-1", 0.0123, 3.45, 92.1, 4, 3.21, 3, "c-9", 12, 1234.5, 0.25,
            [new("c-2", "referral", "out", 1.5, 2.5, 321.5, 0.8), new("c-4", "mention", "in", 0.5, null, null, null)], At);
        var profile = new Server.Customers.CustomerProfile(
            "c-1", At, At.AddDays(-90), At, 4, 9, new Dictionary<string, double>(), new Server.Customers.RfmView(0, 0, 90, 0m, null, 0m, 0m), Network: network);
        IReadOnlyList<Server.Graph.Influencer> influencers = [new("hub", 0.2, 40, 15, "hub"), new("c-7", 0.05, 10.5, 3, null)];
        var status = new Server.Graph.GraphStatus(8, 7, 12345, 45678, 2, 1.2e-6, 17, 0.41, At);

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(network, ServerJson), PulseJsonContext.Default.CustomerNetwork)!;
        var readProfile = JsonSerializer.Deserialize(JsonSerializer.Serialize(profile, ServerJson), PulseJsonContext.Default.CustomerProfile)!;
        var readInfluencers = JsonSerializer.Deserialize(JsonSerializer.Serialize(influencers, ServerJson), PulseJsonContext.Default.IReadOnlyListInfluencer)!;
        var readStatus = JsonSerializer.Deserialize(JsonSerializer.Serialize(status, ServerJson), PulseJsonContext.Default.GraphStatus)!;

        Assert.Equal(("c-1", 0.0123, 3.45, 92.1, 4, 3.21), (read.CustomerId, read.Influence, read.RelativeInfluence, read.InfluencePercentile, read.Degree, read.WeightedDegree));
        Assert.Equal((3, "c-9", 12, 1234.5, 0.25, At), (read.CoreNumber, read.CommunityId, read.CommunitySize, read.NetworkValue, read.ChurnContagion, read.AsOf));
        Assert.Equal([new NetworkNeighbour("c-2", "referral", "out", 1.5, 2.5, 321.5, 0.8), new NetworkNeighbour("c-4", "mention", "in", 0.5, null, null, null)], read.TopNeighbours!);
        Assert.Equal(4, readProfile.Network!.Degree);
        Assert.Equal([new Influencer("hub", 0.2, 40, 15, "hub"), new Influencer("c-7", 0.05, 10.5, 3, null)], readInfluencers);
        Assert.Equal(new GraphStatus(8, 7, 12345, 45678, 2, 1.2e-6, 17, 0.41, At), readStatus);
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
