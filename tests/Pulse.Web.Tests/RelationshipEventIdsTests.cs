using Pulse.Web.Graph;

namespace Pulse.Web.Tests;

public sealed class RelationshipEventIdsTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_id_names_both_customers_the_kind_and_the_second()
    {
        Assert.Equal("relationship-end:c-1:c-2:mention:1740830400", RelationshipEventIds.Of("c-1", "c-2", "mention", At));
        Assert.Equal("relationship-end:c-1:c-2:all:1740830400", RelationshipEventIds.Of("c-1", "c-2", null, At));
        Assert.Equal(RelationshipEventIds.Of("c-1", "c-2", null, At), RelationshipEventIds.Of("c-1", "c-2", null, At.AddMilliseconds(999)));
        Assert.NotEqual(RelationshipEventIds.Of("c-1", "c-2", null, At), RelationshipEventIds.Of("c-1", "c-2", null, At.AddSeconds(1)));
    }

    [Fact]
    public void A_colon_inside_an_id_cannot_make_two_pairs_share_an_id() =>
        Assert.NotEqual(RelationshipEventIds.Of("a:b", "c", null, At), RelationshipEventIds.Of("a", "b:c", null, At));

    [Fact]
    public void Long_ids_are_hashed_to_stay_within_the_event_id_limit()
    {
        var id = RelationshipEventIds.Of(new string('a', 128), new string('b', 128), "call-transfer", At);

        Assert.True(id.Length <= 128, id);
        Assert.StartsWith("relationship-end:sha256-", id, StringComparison.Ordinal);
        Assert.EndsWith(":call-transfer:1740830400", id, StringComparison.Ordinal);
        Assert.NotEqual(id, RelationshipEventIds.Of(new string('a', 128), new string('c', 128), "call-transfer", At));
    }
}
