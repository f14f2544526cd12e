using Pulse.Contracts.Interactions;
using Pulse.Grains.Customers;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

public sealed class CustomerFeaturesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ACheckpointRestoresEverythingTheProfileShows()
    {
        var features = new CustomerFeatures();
        foreach (var interaction in Interactions.History("c", 80, seed: 1).Select((i, n) => i with { Position = n + 1 }))
        {
            features.TryApply(interaction);
        }

        var state = new CustomerState();
        features.SaveTo(state);
        var restored = CustomerFeatures.Restore(state);

        var before = features.ToProfile("c", Now);
        var after = restored.ToProfile("c", Now);
        Assert.Equal(before.Rfm, after.Rfm);
        Assert.Equal(before.Features, after.Features);
        Assert.Equal(before.InteractionCount, after.InteractionCount);
        Assert.Equal(before.LastPosition, after.LastPosition);
        Assert.Equal(features.RecentNewestFirst(), restored.RecentNewestFirst());
        Assert.False(restored.TryApply(Interactions.History("c", 80, seed: 1)[79] with { Position = 80 }));
    }

    [Fact]
    public void RefundsAreCountedApartFromSpend()
    {
        var features = new CustomerFeatures();
        features.TryApply(Interactions.Make("c", "1", Now.AddDays(-3), InteractionKind.Purchase, amount: 30m));
        features.TryApply(Interactions.Make("c", "2", Now.AddDays(-1), InteractionKind.Refund, amount: 12m));

        var profile = features.ToProfile("c", Now);
        Assert.Equal(30m, profile.Rfm.TotalSpend);
        Assert.Equal(12m, profile.Rfm.TotalRefunds);
        Assert.Equal(0, profile.Rfm.Frequency);
        Assert.Equal(12 * Math.Pow(2, -1.0 / 7), profile.Features["kind.refund.amount.7d"], 10);
    }

    [Fact]
    public void EveryChannelAndBehaviourKindHasCountAndAmountAtEachHalfLife()
    {
        var profile = new CustomerFeatures().ToProfile("c", Now);

        // Profile updates set attributes; they are not behaviour and have no counters.
        Assert.Equal((WireNames.Channels.Count + WireNames.Kinds.Count - 2) * 3 * 2, profile.Features.Count);
        Assert.DoesNotContain(profile.Features.Keys, k => k.StartsWith("kind.profile-update", StringComparison.Ordinal));
        Assert.Contains("channel.call-centre.count.90d", profile.Features.Keys);
        Assert.Contains("kind.page-view.amount.30d", profile.Features.Keys);
    }

    [Fact]
    public void A_profile_update_sets_attributes_and_moves_no_counter_or_last_seen()
    {
        var features = new CustomerFeatures();
        features.TryApply(new Interaction("v", "c", Now.AddDays(-3), Channel.Web, InteractionKind.PageView));
        features.TryApply(new Interaction("a1", "c", Now, Channel.Web, InteractionKind.ProfileUpdate, Properties: new Dictionary<string, string> { ["plan"] = "gold", ["region"] = "north" }));
        features.TryApply(new Interaction("a2", "c", Now, Channel.Web, InteractionKind.ProfileUpdate, Properties: new Dictionary<string, string> { ["region"] = string.Empty }));

        Assert.Equal(new Dictionary<string, string> { ["plan"] = "gold" }, features.Attributes);
        Assert.Equal(Now.AddDays(-3), features.LastSeen);
        Assert.Equal(3, features.AppliedCount);
        var profile = features.ToProfile("c", Now);
        Assert.Equal(Math.Pow(2, -3.0 / 7), profile.Features["channel.web.count.7d"], 10);

        // And it survives a checkpoint.
        var state = new CustomerState();
        features.SaveTo(state);
        Assert.Equal("gold", CustomerFeatures.Restore(state).Attributes["plan"]);
    }

    [Fact]
    public void Sentiment_levels_and_complaint_windows_come_back_from_a_checkpoint()
    {
        var features = new CustomerFeatures();
        features.TryApply(new Interaction("t1", "c", Now.AddDays(-20), Channel.Email, InteractionKind.Email, Text: "fine", Sentiment: 0.8));
        features.TryApply(new Interaction("t2", "c", Now.AddDays(-1), Channel.CallCentre, InteractionKind.Complaint, Text: "awful", Sentiment: -0.9));
        features.TryApply(new Interaction("t3", "c", Now.AddDays(-10), Channel.CallCentre, InteractionKind.Complaint));
        var state = new CustomerState();
        features.SaveTo(state);
        var restored = CustomerFeatures.Restore(state);

        Assert.Equal(features.SentimentAsOf(Now), restored.SentimentAsOf(Now));
        var sentiment = restored.SentimentAsOf(Now)!;
        Assert.Equal(-0.9, sentiment.Last);
        Assert.True(sentiment.Trend < 0, $"the tone fell: trend {sentiment.Trend}");
        Assert.Equal(features.ChurnBehaviour(Now), restored.ChurnBehaviour(Now));
        Assert.Equal(1, restored.ChurnBehaviour(Now)[(int)Pulse.Analytics.Churn.BehaviourFeature.Complaints7Days]);
        Assert.Equal(2, restored.ChurnBehaviour(Now)[(int)Pulse.Analytics.Churn.BehaviourFeature.Complaints30Days]);
    }
}
