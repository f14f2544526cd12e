using Pulse.Analytics.Features;

namespace Pulse.Analytics.Tests.Features;

public sealed class DecayedCountersTests
{
    private static readonly double[] HalfLives = [7, 30, 90];
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AnEventWeighsHalfAfterOneHalfLife()
    {
        var counters = new DecayedCounters(2, HalfLives);
        counters.Add(Start.Ticks, 1, 10.0);

        for (var h = 0; h < HalfLives.Length; h++)
        {
            var later = Start.AddDays(HalfLives[h]).Ticks;
            Assert.Equal(0.5, counters.Count(1, h, later), 12);
            Assert.Equal(5.0, counters.Sum(1, h, later), 12);
            Assert.Equal(0.0, counters.Count(0, h, later));
        }
    }

    [Fact]
    public void ValuesEqualTheDefinitionWhateverTheArrivalOrder()
    {
        var random = new Random(11);
        var events = Enumerable.Range(0, 500)
            .Select(_ => (Ticks: Start.AddMinutes(random.Next(0, 200 * 24 * 60)).Ticks, Category: random.Next(4), Amount: random.NextDouble() * 100))
            .ToArray();
        var asOf = Start.AddDays(210).Ticks;

        var sorted = new DecayedCounters(4, HalfLives);
        foreach (var e in events.OrderBy(e => e.Ticks))
        {
            sorted.Add(e.Ticks, e.Category, e.Amount);
        }

        var shuffled = new DecayedCounters(4, HalfLives);
        foreach (var e in events)
        {
            shuffled.Add(e.Ticks, e.Category, e.Amount);
        }

        for (var c = 0; c < 4; c++)
        {
            for (var h = 0; h < HalfLives.Length; h++)
            {
                // Definition: sum over events of w * 2^(-(asOf - t) / halfLife).
                var expectedCount = events.Where(e => e.Category == c).Sum(e => Math.Pow(2, -TimeSpan.FromTicks(asOf - e.Ticks).TotalDays / HalfLives[h]));
                var expectedSum = events.Where(e => e.Category == c).Sum(e => e.Amount * Math.Pow(2, -TimeSpan.FromTicks(asOf - e.Ticks).TotalDays / HalfLives[h]));
                AssertRelative(expectedCount, sorted.Count(c, h, asOf));
                AssertRelative(expectedCount, shuffled.Count(c, h, asOf));
                AssertRelative(expectedSum, sorted.Sum(c, h, asOf));
                AssertRelative(expectedSum, shuffled.Sum(c, h, asOf));
            }
        }
    }

    [Fact]
    public void TwoCategoryAddEqualsTwoSingleAdds()
    {
        var pair = new DecayedCounters(3, HalfLives);
        var single = new DecayedCounters(3, HalfLives);
        pair.Add(Start.Ticks, 0, 2, 4.0);
        single.Add(Start.Ticks, 0, 4.0);
        single.Add(Start.Ticks, 2, 4.0);

        Assert.Equal(single.RawValues.ToArray(), pair.RawValues.ToArray());
    }

    [Fact]
    public void ReadingBeforeTheNewestEventIsClampedToIt()
    {
        var counters = new DecayedCounters(1, HalfLives);
        counters.Add(Start.AddDays(10).Ticks, 0, 1);

        Assert.Equal(1.0, counters.Count(0, 0, Start.Ticks));
    }

    [Fact]
    public void RestoreGivesBackTheSameCounters()
    {
        var counters = new DecayedCounters(2, HalfLives);
        counters.Add(Start.Ticks, 0, 1.5);
        counters.Add(Start.AddDays(3).Ticks, 1, 2.5);
        var restored = new DecayedCounters(2, HalfLives);
        restored.Restore(counters.ReferenceTicks, counters.RawValues);

        var later = Start.AddDays(40).Ticks;
        Assert.Equal(counters.Sum(1, 1, later), restored.Sum(1, 1, later));
        Assert.Equal(counters.Count(0, 2, later), restored.Count(0, 2, later));
        Assert.Throws<ArgumentException>(() => restored.Restore(0, new double[3]));
    }

    [Fact]
    public void InvalidShapesAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecayedCounters(0, HalfLives));
        Assert.Throws<ArgumentException>(() => new DecayedCounters(1, ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecayedCounters(1, [0.0]));
        var counters = new DecayedCounters(2, HalfLives);
        Assert.Throws<ArgumentOutOfRangeException>(() => counters.Add(Start.Ticks, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => counters.Count(0, 3, Start.Ticks));
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
