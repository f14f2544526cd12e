using Pulse.Analytics.Segments;
using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>Between the kernel's plain records and their Orleans-serialisable twins.</summary>
internal static class ContributionConversion
{
    public static SegmentContribution ToContribution(this MiniBatchState s) => new(
        s.Version, s.Mean, s.Scale, s.Centres, s.Sums, s.Counts, s.Points, s.Inertia,
        s.Raw.Weight, s.Raw.Mean, s.Raw.SquaredDeviations, s.SampleCapacity, s.SampleSeen, s.SampleRows);

    public static MiniBatchState ToState(this SegmentContribution c) => new(
        c.Version, c.Mean, c.Scale, c.Centres, c.Sums, c.Counts, c.Points, c.Inertia,
        new StandardizerState(c.MomentWeight, c.MomentMean, c.MomentSquaredDeviations), c.SampleCapacity, c.SampleSeen, c.SampleRows);
}
