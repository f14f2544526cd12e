using Pulse.Contracts.Interactions;
using Pulse.Grains.Customers;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

public sealed class CustomerFeaturesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ACheckpointRestoresEverythingTheProfileShows()
    {
        var features = new CustomerFeatures();
        foreach (var interaction in Interactions.History("c", 80, seed: 1).Select((i, n) => i with { Position = n + 1 }))
        {
            features.TryApply(interaction);
        }

        var state = new CustomerState();
        features.SaveTo(state);
        var restored = CustomerFeatures.Restore(state);

        var before = features.ToProfile("c", Now);
        var after = restored.ToProfile("c", Now);
        Assert.Equal(before.Rfm, after.Rfm);
        Assert.Equal(before.Features, after.Features);
        Assert.Equal(before.InteractionCount, after.InteractionCount);
        Assert.Equal(before.LastPosition, after.LastPosition);
        Assert.Equal(features.RecentNewestFirst(), restored.RecentNewestFirst());
        Assert.False(restored.TryApply(Interactions.History("c", 80, seed: 1)[79] with { Position = 80 }));
    }

    [Fact]
    public void RefundsAreCountedApartFromSpend()
    {
        var features = new CustomerFeatures();
        features.TryApply(Interactions.Make("c", "1", Now.AddDays(-3), InteractionKind.Purchase, amount: 30m));
        features.TryApply(Interactions.Make("c", "2", Now.AddDays(-1), InteractionKind.Refund, amount: 12m));

        var profile = features.ToProfile("c", Now);
        Assert.Equal(30m, profile.Rfm.TotalSpend);
        Assert.Equal(12m, profile.Rfm.TotalRefunds);
        Assert.Equal(0, profile.Rfm.Frequency);
        Assert.Equal(12 * Math.Pow(2, -1.0 / 7), profile.Features["kind.refund.amount.7d"], 10);
    }

    [Fact]
    public void EveryChannelAndKindHasCountAndAmountAtEachHalfLife()
    {
        var profile = new CustomerFeatures().ToProfile("c", Now);
        Assert.Equal((WireNames.Channels.Count + WireNames.Kinds.Count) * 3 * 2, profile.Features.Count);
        Assert.Contains("channel.call-centre.count.90d", profile.Features.Keys);
        Assert.Contains("kind.page-view.amount.30d", profile.Features.Keys);
    }
}
