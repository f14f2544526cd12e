using Pulse.Contracts.Segments;
using Pulse.Grains.Segments;
using Pulse.Grains.Tests.InteractionLog;

namespace Pulse.Grains.Tests.Segments;

/// <summary>Both membership stores keep the latest placement of each customer, page in id order and count.</summary>
public sealed class SegmentMembersTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_latest_placement_wins_whatever_order_it_arrives_in(string store)
    {
        var members = Create(store);
        var id = $"m-{Guid.NewGuid():N}";
        await members.RecordAsync([Place(id, 2, T0.AddSeconds(5))]);
        await members.RecordAsync([Place(id, 1, T0)]); // Older, from another silo, late: ignored.
        await members.RecordAsync([Place(id, 3, T0.AddSeconds(3)), Place(id, 4, T0.AddSeconds(9))]); // Two in one batch: the newer.

        var segments = new[] { 1, 2, 3, 4 };
        var found = new List<int>();
        foreach (var segment in segments)
        {
            if ((await members.PageAsync(segment, null, 1000)).Any(m => m.CustomerId == id))
            {
                found.Add(segment);
            }
        }

        Assert.Equal([4], found);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Pages_follow_customer_id_byte_order_and_counts_add_up(string store)
    {
        var members = Create(store);
        var segment = Random.Shared.Next(1_000, 1_000_000);
        var ids = new[] { "b", "a", "B", "a-2", "Z", "c" }.Select(i => $"{segment}-{i}").ToArray();
        await members.RecordAsync([.. ids.Select(i => Place(i, segment, T0))]);

        var first = await members.PageAsync(segment, null, 4);
        var rest = await members.PageAsync(segment, first[^1].CustomerId, 4);
        Assert.Equal(ids.Order(StringComparer.Ordinal), first.Concat(rest).Select(m => m.CustomerId));
        Assert.Equal(2, rest.Count);
        Assert.Equal(6, (await members.CountsAsync())[segment]);

        // A customer who moves leaves the old segment's count.
        await members.RecordAsync([Place(ids[0], segment + 1, T0.AddMinutes(1))]);
        var counts = await members.CountsAsync();
        Assert.Equal(5, counts[segment]);
        Assert.Equal(1, counts[segment + 1]);
        var moved = Assert.Single(await members.PageAsync(segment + 1, null, 10));
        Assert.Equal((ids[0], 0.5, 9L), (moved.CustomerId, moved.Distance, moved.ModelVersion));

        // A customer merged into another leaves every segment, and a late placement from another silo does not bring it back.
        await members.RecordAsync([Place(ids[1], SegmentMembership.NoSegment, T0.AddMinutes(2))]);
        await members.RecordAsync([Place(ids[1], segment, T0.AddMinutes(1))]);
        counts = await members.CountsAsync();
        Assert.Equal(4, counts[segment]);
        Assert.False(counts.ContainsKey(SegmentMembership.NoSegment));
        Assert.DoesNotContain(ids[1], (await members.PageAsync(segment, null, 10)).Select(m => m.CustomerId));
    }

    private ISegmentMembers Create(string store) => store == "memory" ? new InMemorySegmentMembers() : new PostgresSegmentMembers(postgres.DataSource);

    private static SegmentMembership Place(string id, int segment, DateTimeOffset at) => new(id, segment, 0.5, 9, at, at);
}
