using Microsoft.Extensions.Time.Testing;
using Pulse.Analytics.Segments;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Segments;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Segments;

/// <summary>
/// Live segments in a two-silo cluster: three planted kinds of customer (web buyers, unhappy callers,
/// the dormant) must come out as three segments, every customer placed, sizes counted, each segment
/// described, and the model fed by mini-batches, not by events.
/// </summary>
public sealed class SegmentsInTheClusterTests
{
    private static readonly DateTimeOffset Now = PulseTestCluster.Start;

    [Fact]
    public async Task Planted_groups_become_segments_and_every_customer_knows_its_own()
    {
        var clock = new FakeTimeProvider(Now);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock, new Dictionary<string, string?>
        {
            ["Pulse:Segments:K"] = "3",
            ["Pulse:Segments:SeedSampleSize"] = "300",
        });

        var run = Guid.NewGuid().ToString("N")[..6];
        var groups = new Dictionary<string, int>();
        var random = new Random(3);
        for (var i = 0; i < 450; i++)
        {
            var group = i % 3;
            var id = $"{run}-{group}-{i}";
            groups[id] = group;
            await pulse.Client.IngestAsync(History(id, group, random));
        }

        await Eventually.ReturnsAsync(
            () => pulse.Client.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default).GetStatusAsync(),
            s => s.Seeded,
            "the model to seed itself from the customers' points",
            TimeSpan.FromSeconds(60));

        // Customers place themselves on their next event with their silo's cached model (which follows
        // the model within a second of its seeding): send page views until everyone is placed.
        var placed = new Dictionary<string, CustomerSegment>();
        for (var round = 0; round < 10 && placed.Count < groups.Count; round++)
        {
            foreach (var id in groups.Keys.Where(i => !placed.ContainsKey(i)))
            {
                await pulse.Client.IngestAsync([new Interaction($"{id}-now-{round}", id, Now, Channel.Web, InteractionKind.PageView)]);
            }

            await Task.Delay(1_000, TestContext.Current.CancellationToken);
            foreach (var id in groups.Keys.Where(i => !placed.ContainsKey(i)))
            {
                if ((await pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync())?.Segment is { } segment)
                {
                    placed[id] = segment;
                }
            }
        }

        Assert.Equal(groups.Count, placed.Count);

        var ids = groups.Keys.ToArray();
        var ari = AdjustedRandIndex.Compute([.. ids.Select(i => groups[i])], [.. ids.Select(i => placed[i].Segment)]);
        Assert.True(ari >= 0.95, $"adjusted Rand index {ari:F3} between planted groups and segments");

        // Sizes come from the membership store, written by the silos' flushes.
        var members = pulse.Client.GetGrain<ISegmentMembersGrain>(0);
        var counts = await Eventually.ReturnsAsync(members.CountsAsync, c => c.Values.Sum() == groups.Count, "every placement recorded", TimeSpan.FromSeconds(30));
        foreach (var segment in placed.Values.Select(p => p.Segment).Distinct())
        {
            Assert.Equal(placed.Values.Count(p => p.Segment == segment), counts![segment]);
        }

        // Each segment explains itself; the unhappy callers' segment says so.
        var model = pulse.Client.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default);
        var descriptions = await model.GetSegmentsAsync();
        Assert.Equal(3, descriptions.Count);
        var callers = descriptions[placed[ids.First(i => groups[i] == 1)].Segment];
        Assert.Contains("unhappy", callers.Description, StringComparison.Ordinal);
        Assert.True(callers.Centre["calls-30d"] > 3, $"calls in the callers' centre: {callers.Centre["calls-30d"]}");
        var buyers = descriptions[placed[ids.First(i => groups[i] == 0)].Segment];
        Assert.Contains(buyers.Traits, t => t.Feature == "spend-90d" && t.Offset > 0.5);

        // Segment grains hold the members' live means.
        var callerStatistics = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ISegmentGrain>(callers.Segment).GetStatisticsAsync(), s => s.MeanSentiment is not null, "the callers' mean sentiment");
        Assert.True(callerStatistics!.MeanSentiment < 0, $"callers' mean sentiment {callerStatistics.MeanSentiment}");

        // The model hears from each silo about once a second, not once per event (900 events, 450 points).
        var status = await model.GetStatusAsync();
        Assert.InRange(status.FlushesPerSecondBySilo.Count, 1, 2);
        Assert.All(status.FlushesPerSecondBySilo.Values, rate => Assert.True(rate <= 1.1, $"{rate} flushes a second"));
        Assert.Equal(groups.Count, status.PointsApplied); // One point per customer per contribution interval.
    }

    private static List<Interaction> History(string id, int group, Random random)
    {
        var events = new List<Interaction>();
        void Add(double daysAgo, Channel channel, InteractionKind kind, decimal? amount = null, string? text = null) =>
            events.Add(new Interaction($"{id}-{events.Count}", id, Now.AddDays(-daysAgo).AddMinutes(-random.Next(600)), channel, kind, amount, text));

        switch (group)
        {
            case 0: // Web buyers: frequent, recent, happy.
                for (var p = 0; p < 8; p++)
                {
                    Add(2 + (p * 7), Channel.Web, InteractionKind.Purchase, 40 + random.Next(60));
                }

                for (var v = 0; v < 15; v++)
                {
                    Add(random.Next(1, 28), Channel.Web, InteractionKind.PageView);
                }

                Add(5, Channel.Web, InteractionKind.Review, text: "Great quality and fast delivery, love it!");
                break;
            case 1: // Unhappy callers: one old purchase, many angry calls and complaints.
                Add(80, Channel.Web, InteractionKind.Purchase, 30);
                for (var c = 0; c < 6; c++)
                {
                    Add(random.Next(1, 25), Channel.CallCentre, InteractionKind.Call, text: "This is terrible, nobody helps me and my order is still broken.");
                }

                Add(random.Next(1, 20), Channel.Email, InteractionKind.Complaint, text: "Awful service. I want my money back.");
                Add(random.Next(1, 20), Channel.Email, InteractionKind.Complaint, text: "Still no answer, very disappointed.");
                break;
            default: // Dormant: bought once long ago, then nothing.
                Add(170, Channel.Store, InteractionKind.Purchase, 20);
                Add(165, Channel.Web, InteractionKind.PageView);
                break;
        }

        return events;
    }
}
