using Pulse.Analytics.Churn;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.Models;

namespace Pulse.Grains.Tests.Models;

/// <summary>Training rows see only what happened before their cut-off.</summary>
public sealed class ChurnObservationsTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CutOff = Day0.AddDays(40);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    [Fact]
    public void Future_events_decide_the_label_but_never_reach_the_features()
    {
        List<Interaction> past =
        [
            Event("p1", 0, InteractionKind.Purchase, 40m),
            Event("p2", 20, InteractionKind.Purchase, 60m),
            Event("c1", 35, InteractionKind.Complaint),
            Event("a1", 30, InteractionKind.ProfileUpdate, attributes: new() { ["plan"] = "gold" }),
        ];

        // After the cut-off: a purchase inside the horizon (so the customer did not churn), and more
        // complaints, a plan change and a big spend that would all move the features if they leaked.
        List<Interaction> future =
        [
            Event("p3", 45, InteractionKind.Purchase, 900m),
            Event("c2", 41, InteractionKind.Complaint),
            Event("c3", 42, InteractionKind.Complaint),
            Event("a2", 41, InteractionKind.ProfileUpdate, attributes: new() { ["plan"] = "basic" }),
        ];

        var withFuture = Single(past.Concat(future));
        var withoutFuture = Single(past);

        // The label is the only thing the future changes.
        Assert.False(withFuture.Churned);
        Assert.True(withoutFuture.Churned);
        Assert.Equal(withoutFuture.Behaviour, withFuture.Behaviour);
        Assert.Equal(withoutFuture.Attributes, withFuture.Attributes);

        // And the features are those of the past alone.
        var f = withFuture.Behaviour;
        Assert.Equal(20, f[(int)BehaviourFeature.DaysSinceLastPurchase]);
        Assert.Equal(1, f[(int)BehaviourFeature.RepeatPurchases]);
        Assert.Equal(60, f[(int)BehaviourFeature.MeanSpend]);
        Assert.Equal(1, f[(int)BehaviourFeature.Complaints7Days]);
        Assert.Equal(5, f[(int)BehaviourFeature.DaysSinceLastInteraction], 9);
        Assert.Equal("gold", withFuture.Attributes["plan"]);
    }

    [Fact]
    public void An_event_exactly_at_the_cut_off_belongs_to_the_future()
    {
        var row = Single([Event("p1", 0, InteractionKind.Purchase, 10m), Event("p2", 40, InteractionKind.Purchase, 99m)]);
        Assert.False(row.Churned);
        Assert.Equal(0, row.Behaviour[(int)BehaviourFeature.RepeatPurchases]);
        Assert.Equal(40, row.Behaviour[(int)BehaviourFeature.DaysSinceLastPurchase]);
    }

    [Fact]
    public void Rows_at_several_cut_offs_each_see_their_own_past_and_skip_customers_not_yet_buying()
    {
        var cutOffs = ChurnObservations.CutOffs(Day0.AddDays(90), TimeSpan.FromDays(30), 3);
        Assert.Equal([Day0.AddDays(30), Day0.AddDays(60), Day0.AddDays(90)], cutOffs);

        List<Interaction> history =
        [
            Event("v", 10, InteractionKind.PageView),
            Event("p1", 35, InteractionKind.Purchase, 10m),
            Event("p2", 50, InteractionKind.Purchase, 10m),
        ];
        var rows = ChurnObservations.AtCutOffs("c", history, cutOffs, ChurnLabel.NoPurchase, Horizon);

        // Day 30: no purchase yet, not a buyer. Day 60: bought on 50, nothing in 60–90: churned. Day 90: churned.
        Assert.Equal([Day0.AddDays(60), Day0.AddDays(90)], rows.Select(r => r.CutOff));
        Assert.All(rows, r => Assert.True(r.Churned));
        Assert.Equal(10, rows[0].Behaviour[(int)BehaviourFeature.DaysSinceLastPurchase]);
        Assert.Equal(40, rows[1].Behaviour[(int)BehaviourFeature.DaysSinceLastPurchase]);

        // With "no interaction" as the label, the page view makes the customer eligible at day 30, and the purchase on 35 keeps them.
        var anyActivity = ChurnObservations.AtCutOffs("c", history, cutOffs, ChurnLabel.NoInteraction, Horizon);
        Assert.Equal(3, anyActivity.Count);
        Assert.False(anyActivity[0].Churned);
    }

    [Fact]
    public void An_attribute_label_is_read_at_the_end_and_left_out_of_the_inputs()
    {
        List<Interaction> history =
        [
            Event("a1", 1, InteractionKind.ProfileUpdate, attributes: new() { ["Contract"] = "Month-to-month", ["Churn"] = "Yes" }),
        ];
        var row = ChurnObservations.AtEnd("c", history, Day0.AddDays(2), "Churn", "yes");
        Assert.NotNull(row);
        Assert.True(row.Churned);
        Assert.False(row.Attributes.ContainsKey("Churn"));
        Assert.Equal("Month-to-month", row.Attributes["Contract"]);
        Assert.Null(ChurnObservations.AtEnd("c", history, Day0.AddDays(2), "Cancelled", "yes"));
    }

    private static ChurnObservation Single(IEnumerable<Interaction> history) =>
        Assert.Single(ChurnObservations.AtCutOffs("c", history, [CutOff], ChurnLabel.NoPurchase, Horizon));

    private static Interaction Event(string id, double day, InteractionKind kind, decimal? amount = null, Dictionary<string, string>? attributes = null) =>
        new(id, "c", Day0.AddDays(day), Channel.Web, kind, amount, Properties: attributes);
}
