using Pulse.Analytics.Segments;
using Pulse.Contracts.Segments;
using Pulse.Grains.Tests.Cluster;
using Xunit;

namespace Pulse.Grains.Tests.Segments;

/// <summary>
/// The segmentation grain follows a population shift and reports it: two planted groups, then one of
/// them moves three standard deviations; with a half-life of four batches its centre follows within a
/// bounded number of mini-batches and a drift alert names the segment.
/// </summary>
public sealed class DriftTests(ITestOutputHelper output)
{
    private const int Dimensions = 8;

    [Fact]
    public async Task A_moved_group_is_followed_and_reported()
    {
        await using var pulse = await PulseTestCluster.StartAsync(1, TimeSpan.FromHours(1), settings: new Dictionary<string, string?>
        {
            ["Pulse:Segments:K"] = "2",
            ["Pulse:Segments:SeedSampleSize"] = "100",
            ["Pulse:Segments:HalfLifeBatches"] = "4",
            ["Pulse:Segments:DriftWindowBatches"] = "10",
            ["Pulse:Segments:DriftAlertDistance"] = "0.75",
            ["Pulse:Segments:Logarithmic:0"] = "none", // The planted values are used as they are.
        });
        var model = pulse.Client.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default);
        var random = new Random(9);

        for (var batch = 0; batch < 30; batch++)
        {
            await SendAsync(model, random, shift: 0);
        }

        var before = await model.GetDriftAsync();
        Assert.Empty(before.Alerts);
        var moving = await NearestSegmentAsync(model, GroupMean(1, 0));

        var followedAfter = -1;
        for (var batch = 1; batch <= 30 && followedAfter < 0; batch++)
        {
            await SendAsync(model, random, shift: 3);
            var centre = await CentreAsync(model, moving);
            if (Distance(centre, GroupMean(1, 3)) < 0.5)
            {
                followedAfter = batch;
            }
        }

        output.WriteLine($"centre within 0.5 of the moved group after {followedAfter} batches");
        Assert.InRange(followedAfter, 1, 20);
        var drift = await model.GetDriftAsync();
        var alert = Assert.Single(drift.Alerts, a => a.Segment == moving);
        output.WriteLine($"alert: segment {alert.Segment} moved {alert.Moved:F2} sd over {alert.WindowBatches} batches at version {alert.Version}");
        Assert.True(alert.Moved > 0.75);
        Assert.DoesNotContain(drift.Alerts, a => a.Segment != moving);
    }

    /// <summary>One silo's mini-batch against the model's current version: 100 points of each group.</summary>
    private static async Task SendAsync(ISegmentationGrain model, Random random, double shift)
    {
        var published = await model.GetModelAsync();
        var batch = new MiniBatch(new PublishedSegments(published.Version, published.Mean, published.Scale, published.Centres), seed: random.Next());
        var point = new double[Dimensions];
        for (var i = 0; i < 200; i++)
        {
            var group = i % 2;
            var mean = GroupMean(group, shift);
            for (var f = 0; f < Dimensions; f++)
            {
                point[f] = mean[f] + (0.3 * Gaussian(random));
            }

            batch.Add(point);
        }

        var s = batch.ToState();
        await model.ContributeAsync(
            new SegmentContribution(s.Version, s.Mean, s.Scale, s.Centres, s.Sums, s.Counts, s.Points, s.Inertia, s.Raw.Weight, s.Raw.Mean, s.Raw.SquaredDeviations, s.SampleCapacity, s.SampleSeen, s.SampleRows),
            "test");
    }

    // Group 0 sits at the origin; group 1 at 3 on every feature, its first feature moved by the shift.
    private static double[] GroupMean(int group, double shift)
    {
        var mean = new double[Dimensions];
        if (group == 1)
        {
            Array.Fill(mean, 3.0);
            mean[0] += shift;
        }

        return mean;
    }

    private static async Task<int> NearestSegmentAsync(ISegmentationGrain model, double[] point)
    {
        var segments = await model.GetSegmentsAsync();
        return segments.MinBy(s => Distance(Units(s), point))!.Segment;
    }

    private static async Task<double[]> CentreAsync(ISegmentationGrain model, int segment) => Units((await model.GetSegmentsAsync())[segment]);

    // No feature is logarithmic here, so a centre in units is the centre in the planted values.
    private static double[] Units(SegmentDescription segment) => [.. Pulse.Grains.Segments.SegmentOptions.DefaultFeatures.Select(f => segment.Centre[f])];

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
