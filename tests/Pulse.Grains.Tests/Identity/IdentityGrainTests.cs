using Orleans.Runtime;
using Pulse.Contracts.Identity;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public sealed class IdentityGrainTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_claim_joins_an_unowned_identifier_and_never_takes_one_from_its_owner()
    {
        var identity = cluster.Pulse.Client.GetGrain<IIdentityGrain>($"account:a-{Guid.NewGuid():N}");
        Assert.Null(await identity.GetOwnerAsync());

        var joined = await identity.ClaimAsync("ada", verified: false, "claimed by an event");
        Assert.Equal(ClaimStatus.Joined, joined.Status);
        Assert.Equal(("ada", false, "claimed by an event"), (joined.Owner.CustomerId, joined.Owner.Verified, joined.Owner.How));

        var again = await identity.ClaimAsync("ada", verified: false, "claimed by an event");
        Assert.Equal(ClaimStatus.AlreadyOwned, again.Status);
        Assert.Equal(joined.Owner, again.Owner);

        var other = await identity.ClaimAsync("grace", verified: true, "linked via API");
        Assert.Equal(ClaimStatus.OwnedByOther, other.Status);
        Assert.Equal(joined.Owner, other.Owner);
        Assert.Equal(joined.Owner, await identity.GetOwnerAsync());
    }

    [Fact]
    public async Task The_owner_verifying_its_identifier_marks_it_verified_and_keeps_since()
    {
        var identity = cluster.Pulse.Client.GetGrain<IIdentityGrain>($"crm:c-{Guid.NewGuid():N}");
        var joined = await identity.ClaimAsync("ada", verified: false, "claimed by an event");

        var verified = await identity.ClaimAsync("ada", verified: true, "linked via API");
        Assert.Equal(ClaimStatus.AlreadyOwned, verified.Status);
        Assert.Equal(joined.Owner with { Verified = true }, verified.Owner);
    }

    [Fact]
    public async Task The_owner_survives_a_deactivation()
    {
        var key = $"device:d-{Guid.NewGuid():N}";
        var joined = await cluster.Pulse.Client.GetGrain<IIdentityGrain>(key).ClaimAsync("ada", verified: false, "claimed by an event");

        // Every idle activation goes (the collection's tests run one at a time), then the grain is asked again.
        var management = cluster.Pulse.Client.GetGrain<IManagementGrain>(0);
        // Asked again each round: an activation still busy with the claim's reply is not idle yet.
        await Eventually.ReturnsAsync(
            async () =>
            {
                await management.ForceActivationCollection(TimeSpan.Zero);
                return (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("IdentityGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
            },
            count => count == 0,
            "the identity grains deactivated");

        Assert.Equal(joined.Owner, await cluster.Pulse.Client.GetGrain<IIdentityGrain>(key).GetOwnerAsync());
    }
}
