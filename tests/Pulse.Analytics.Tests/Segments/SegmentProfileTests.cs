using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class SegmentProfileTests
{
    private static readonly string[] Features =
        ["purchases-90d", "spend-90d", "web-visits-30d", "calls-30d", "complaints-30d", "sentiment-level", "days-since-last-purchase", "tenure-days"];

    [Fact]
    public void TheLargestOffsetsSetTheSegmentApartAndReadAsWords()
    {
        double[] centre = [1.5, 1.0, 1.2, 0.1, -0.8, 0.2, -0.3, 0.4];

        var profile = SegmentProfile.Describe(centre, Features);

        Assert.Equal(["purchases-90d", "web-visits-30d", "spend-90d", "complaints-30d"], profile.Traits.Select(t => t.Feature));
        Assert.Equal([true, true, true, false], profile.Traits.Select(t => t.IsHigh));
        Assert.Equal("frequent web buyers, high value, low complaints", profile.Description);
    }

    [Fact]
    public void EachKnownFeatureHasAPhraseEachWay()
    {
        Assert.Equal("lapsing, unhappy, frequent callers", SegmentProfile.Describe([0, 0, 0, 0.9, 0, -1.1, 1.3, 0], Features).Description);
        Assert.Equal("new customers, rare buyers, low value", SegmentProfile.Describe([-0.9, -0.7, 0, 0, 0, 0, 0, -2], Features).Description);
        Assert.Equal("frequent phone buyers, long-standing", SegmentProfile.Describe([2, 0, 0, 1, 0, 0, 0, 0.6], Features).Description);
    }

    [Fact]
    public void AnUnknownFeatureIsHighOrLowByName()
    {
        var profile = SegmentProfile.Describe([0.2, -1.4, 0.9], ["recency", "returns-90d", "basket-size"]);
        Assert.Equal("low returns-90d, high basket-size", profile.Description);
    }

    [Fact]
    public void ASegmentNearTheMeanOnEveryFeatureIsTypical()
    {
        var profile = SegmentProfile.Describe([0.3, -0.2, 0.1, 0, 0, 0.4, -0.4, 0], Features);
        Assert.Empty(profile.Traits);
        Assert.Equal(SegmentProfile.Typical, profile.Description);
    }

    [Fact]
    public void The_default_segment_features_all_have_words_of_their_own()
    {
        string[] names = ["purchases-90d", "spend-90d", "days-since-last-purchase", "interactions-30d", "web-visits-30d", "calls-30d", "complaints-30d", "sentiment-level"];
        for (var i = 0; i < names.Length; i++)
        {
            var centre = new double[names.Length];
            centre[i] = 2;
            Assert.DoesNotContain(names[i], SegmentProfile.Describe(centre, names).Description, StringComparison.Ordinal);
            centre[i] = -2;
            Assert.DoesNotContain(names[i], SegmentProfile.Describe(centre, names).Description, StringComparison.Ordinal);
        }

        Assert.Equal("quiet", SegmentProfile.Describe([0, 0, 0, -1.5, 0, 0, 0, 0], names).Description);
    }
}
