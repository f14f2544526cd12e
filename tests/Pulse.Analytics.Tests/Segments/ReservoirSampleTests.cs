using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

public sealed class ReservoirSampleTests
{
    [Fact]
    public void TheFirstItemsFillTheSample()
    {
        var sample = new ReservoirSample<int>(5, seed: 1);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(sample.Offer(i));
        }

        Assert.Equal([0, 1, 2, 3, 4], sample.Items.ToArray());
        Assert.Equal(5, sample.Seen);
    }

    [Fact]
    public void EveryItemIsEquallyLikelyToBeKept()
    {
        // 4,000 independent runs of 50 items into 10 places: each item should be kept 10/50 = 20 % of the
        // time; the binomial standard deviation of one item's share is √(0.2·0.8/4000) ≈ 0.63 %.
        const int runs = 4_000, items = 50, capacity = 10;
        var kept = new int[items];
        for (var run = 0; run < runs; run++)
        {
            var sample = new ReservoirSample<int>(capacity, seed: run);
            for (var i = 0; i < items; i++)
            {
                sample.Offer(i);
            }

            foreach (var i in sample.Items)
            {
                kept[i]++;
            }
        }

        Assert.All(kept, k => Assert.InRange(k / (double)runs, 0.2 - 0.03, 0.2 + 0.03));

        // And the first, middle and last fifths of the stream are kept alike (no drift with position).
        var fifths = Enumerable.Range(0, 5).Select(f => kept.Skip(f * 10).Take(10).Sum() / (double)(runs * 10)).ToArray();
        Assert.All(fifths, f => Assert.InRange(f, 0.19, 0.21));
    }

    [Fact]
    public void TheSameSeedKeepsTheSameItems()
    {
        int[] Run(int seed)
        {
            var sample = new ReservoirSample<int>(20, seed);
            for (var i = 0; i < 1_000; i++)
            {
                sample.Offer(i);
            }

            return sample.Items.ToArray();
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void AMergedSampleIsUniformOverBothStreams()
    {
        // Streams of 30 and 70 items, 10 places each: after merging, every one of the 100 items should
        // be kept 10 % of the time, whichever stream it came from.
        const int runs = 4_000;
        var kept = new int[100];
        for (var run = 0; run < runs; run++)
        {
            var first = new ReservoirSample<int>(10, seed: run);
            var second = new ReservoirSample<int>(10, seed: run + 1_000_000);
            for (var i = 0; i < 30; i++)
            {
                first.Offer(i);
            }

            for (var i = 30; i < 100; i++)
            {
                second.Offer(i);
            }

            first.Merge(second, new Random(run + 2_000_000));
            Assert.Equal(10, first.Count);
            Assert.Equal(100, first.Seen);
            foreach (var i in first.Items)
            {
                kept[i]++;
            }
        }

        Assert.InRange(kept.Take(30).Sum() / (double)(runs * 30), 0.095, 0.105);
        Assert.InRange(kept.Skip(30).Sum() / (double)(runs * 70), 0.095, 0.105);
        Assert.All(kept, k => Assert.InRange(k / (double)runs, 0.1 - 0.025, 0.1 + 0.025));
    }

    [Fact]
    public void ForgettingMakesNewerItemsMoreLikely()
    {
        var sample = new ReservoirSample<int>(100, seed: 3);
        for (var i = 0; i < 1_000; i++)
        {
            sample.Offer(i);
        }

        sample.Forget(0.1);
        Assert.Equal(100, sample.Seen);
        for (var i = 1_000; i < 1_100; i++)
        {
            sample.Offer(i);
        }

        // Without forgetting about 100·100/1100 ≈ 9 new items would be kept; with the old weight cut to
        // 100, the 100 new ones compete as equals with the old: about half the places.
        Assert.InRange(sample.Items.ToArray().Count(i => i >= 1_000), 35, 65);
    }

    [Fact]
    public void ARestoredSampleHoldsTheSavedItems()
    {
        var sample = new ReservoirSample<int>(4, seed: 1);
        sample.Restore(10, [5, 6, 7]);
        Assert.Equal([5, 6, 7], sample.Items.ToArray());
        Assert.Equal(10, sample.Seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => sample.Restore(2, [1, 2, 3]));
    }
}
