using Pulse.Analytics.Churn;

namespace Pulse.Analytics.Tests.Churn;

public sealed class ChurnFeatureSpaceTests
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    [Fact]
    public void Numbers_stay_numbers_and_words_become_categories_with_a_slot_for_the_rest()
    {
        var space = ChurnFeatureSpace.Learn(
            [
                Attributes(("plan", "gold"), ("tenure", "3")),
                Attributes(("plan", "silver"), ("tenure", "")),
                Attributes(("plan", "gold"), ("tenure", "12.5")),
                Attributes(("plan", "silver"), ("secret", "x")),
            ],
            new HashSet<string> { "secret" },
            maxCategories: 2);

        var names = space.Slots.Skip(BehaviourFeatures.Count).Select(s => s.Name).ToArray();
        Assert.Equal(["attr:plan=gold", "attr:plan=silver", "attr:plan=(other)", "attr:tenure"], names);

        var features = new float[space.Count];
        var behaviour = new double[BehaviourFeatures.Count];
        behaviour[(int)BehaviourFeature.Complaints7Days] = 3;
        space.Encode(behaviour, Attributes(("plan", "platinum"), ("tenure", "oops")), features);
        Assert.Equal(3, features[(int)BehaviourFeature.Complaints7Days]);
        Assert.Equal([0f, 0f, 1f, ChurnFeatureSpace.MissingNumber], features[BehaviourFeatures.Count..]);

        space.Encode(behaviour, null, features);
        Assert.Equal([0f, 0f, 0f, ChurnFeatureSpace.MissingNumber], features[BehaviourFeatures.Count..]);

        space.Encode(behaviour, Attributes(("plan", " silver "), ("tenure", "7")), features);
        Assert.Equal([0f, 1f, 0f, 7f], features[BehaviourFeatures.Count..]);
    }

    [Fact]
    public void A_wrong_number_of_behaviour_features_is_refused()
    {
        var space = ChurnFeatureSpace.Learn([], None);
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new double[3], null, new float[space.Count]));
        Assert.Equal("behaviour", error.ParamName);
    }

    [Fact]
    public void Every_behaviour_feature_has_a_name_and_words()
    {
        foreach (var feature in Enum.GetValues<BehaviourFeature>())
        {
            Assert.False(string.IsNullOrWhiteSpace(BehaviourFeatures.Name(feature)));
            Assert.False(string.IsNullOrWhiteSpace(BehaviourFeatures.Describe(feature, 2)));
        }

        Assert.Equal("3 complaints in the last 7 days", BehaviourFeatures.Describe(BehaviourFeature.Complaints7Days, 3));
        Assert.Equal("no purchase in 61 days", BehaviourFeatures.Describe(BehaviourFeature.DaysSinceLastPurchase, 60.6));
        Assert.Equal("never purchased", BehaviourFeatures.Describe(BehaviourFeature.DaysSinceLastPurchase, BehaviourFeatures.Never));
        Assert.Equal("no interactions this week", BehaviourFeatures.Describe(BehaviourFeature.Interactions7Days, 0.01));
        Assert.Equal("about 2.4 calls this month", BehaviourFeatures.Describe(BehaviourFeature.Calls30Days, 2.43));
        Assert.StartsWith("sentiment falling", BehaviourFeatures.Describe(BehaviourFeature.SentimentTrend, -0.4), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Attributes(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
