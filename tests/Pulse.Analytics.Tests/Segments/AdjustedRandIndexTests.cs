using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class AdjustedRandIndexTests
{
    [Fact]
    public void IdenticalPartitionsScoreOneWhateverTheLabels()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Compute([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]));
        Assert.Equal(1.0, AdjustedRandIndex.Compute([0, 0, 1, 1], [1, 1, 0, 0]));
        Assert.Equal(1.0, AdjustedRandIndex.Compute([5, 5, 9, 9, 7], [0, 0, 1, 1, 2]));
    }

    [Fact]
    public void TheScikitLearnExamplesGiveTheirDocumentedValues()
    {
        // scikit-learn's adjusted_rand_score documentation: ([0,0,1,1],[0,0,1,2]) and the reverse give
        // 0.57..., exactly 4/7; a partition split into singletons against one cluster gives 0.0; and
        // ([0,0,1,1],[0,1,0,1]) gives −0.5, worse than chance.
        Assert.Equal(0.5714285714285715, AdjustedRandIndex.Compute([0, 0, 1, 1], [0, 0, 1, 2]), 15);
        Assert.Equal(0.5714285714285715, AdjustedRandIndex.Compute([0, 0, 1, 2], [0, 0, 1, 1]), 15);
        Assert.Equal(0.0, AdjustedRandIndex.Compute([0, 0, 0, 0], [0, 1, 2, 3]));
        Assert.Equal(-0.5, AdjustedRandIndex.Compute([0, 0, 1, 1], [0, 1, 0, 1]), 15);
    }

    [Fact]
    public void UnrelatedPartitionsScoreAboutZero()
    {
        var random = new Random(41);
        var a = Enumerable.Range(0, 20_000).Select(_ => random.Next(5)).ToArray();
        var b = Enumerable.Range(0, 20_000).Select(_ => random.Next(4)).ToArray();
        Assert.InRange(AdjustedRandIndex.Compute(a, b), -0.005, 0.005);
    }

    [Fact]
    public void PartitionsOfDifferentItemsAreRefused() =>
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute([0, 1], [0, 1, 2]));
}
