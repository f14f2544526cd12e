using Pulse.Contracts.Customers;
using Pulse.Contracts.Identity;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Merges;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Identity;

/// <summary>
/// Identifiers on events (docs/identity.md): delivery claims them, and a claim that proves two customers are one
/// person joins them, the way the web and the call centre meet a customer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IdentitiesOnEventsTests(ClusterFixture cluster)
{
    private static readonly DateTimeOffset AsOf = PulseTestCluster.Start;

    private PulseTestCluster Pulse => cluster.Pulse;

    [Fact]
    public async Task An_anonymous_cookies_history_joins_the_account_on_login()
    {
        var (cookie, account, reference) = (NewId("cookie"), NewId("acct"), NewId("ref"));
        var device = Device(cookie, verified: false);

        // Browsing before logging in: the web feed knows only the cookie.
        var anonymous = Interactions.History(cookie, 12, seed: 81).Select(e => e with { Identities = [device] }).ToList();
        var known = Interactions.History(account, 9, seed: 82).Select(e => e with { Identities = [Account(account)] }).ToList();
        await FeedAsync(cookie, anonymous);
        await FeedAsync(account, known);
        await Eventually.ReturnsAsync(() => Identity(device).GetOwnerAsync(), o => o?.CustomerId == cookie, "the cookie claimed by its history");

        // The login: the account's event carries the cookie, verified by the login.
        var login = Interactions.Make(account, account + "-login", AsOf.AddMinutes(-5), InteractionKind.PageView) with { Identities = [Account(account), Device(cookie, verified: true)] };
        await Pulse.Client.IngestAsync([login]);

        var total = anonymous.Count + known.Count + 1;
        var merged = await Eventually.ReturnsAsync(() => Customer(account).GetProfileAsync(AsOf), p => p?.InteractionCount == total, "the cookie's history on the account");
        Assert.Equal(account, await Customer(cookie).GetAbsorbedIntoAsync());
        var record = Assert.Single(await Customer(account).GetMergesAsync());
        Assert.True(record.Deterministic);
        Assert.Equal((account, cookie), (record.SurvivorId, record.AbsorbedId));
        Assert.Contains(login.EventId, record.Reason, StringComparison.Ordinal);

        // Exactly as if the account had received both histories from the start.
        await FeedAsync(reference, [.. anonymous.Concat(known).Append(login).Select((e, n) => e with { CustomerId = reference, EventId = $"{reference}-{n}", Identities = null })]);
        var expected = (await Customer(reference).GetProfileAsync(AsOf))!;
        Assert.Equal(expected.Rfm, merged!.Rfm);
        Assert.Equal(expected.Features.Keys.Order(StringComparer.Ordinal), merged.Features.Keys.Order(StringComparer.Ordinal));

        // The cookie keeps browsing after the login: its events land on the account.
        await Pulse.Client.IngestAsync([Interactions.Make(cookie, cookie + "-after", AsOf.AddMinutes(-1)) with { Identities = [device] }]);
        await Eventually.ReturnsAsync(() => Customer(account).GetProfileAsync(AsOf), p => p?.InteractionCount == total + 1, "the cookie's later event on the account");
    }

    [Fact]
    public async Task A_new_cookie_carrying_a_known_account_joins_that_account()
    {
        var (account, cookie) = (NewId("acct"), NewId("cookie"));
        await FeedAsync(account, Interactions.History(account, 5, seed: 91).Select(e => e with { Identities = [Account(account)] }).ToList());

        // A feed that only knows the cookie id sends the account it saw in the session.
        await Pulse.Client.IngestAsync([Interactions.Make(cookie, cookie + "-1", AsOf.AddMinutes(-3)) with { Identities = [Account(account)] }]);

        // The account was known first: it survives, the cookie is absorbed.
        await Eventually.ReturnsAsync(() => Customer(cookie).GetAbsorbedIntoAsync(), into => into == account, "the cookie absorbed into the account");
        await Eventually.ReturnsAsync(() => Customer(account).GetProfileAsync(AsOf), p => p?.InteractionCount == 6, "the cookie's event on the account");
    }

    [Fact]
    public async Task A_second_person_logging_in_on_a_shared_device_is_not_merged()
    {
        var (cookie, first, second) = (NewId("cookie"), NewId("first"), NewId("second"));
        await FeedAsync(cookie, [Interactions.Make(cookie, cookie + "-1", AsOf.AddHours(-3)) with { Identities = [Device(cookie, false)] }]);
        await Eventually.ReturnsAsync(() => Identity(Device(cookie, false)).GetOwnerAsync(), o => o?.CustomerId == cookie, "the cookie claimed by its history");
        await FeedAsync(first, [Interactions.Make(first, first + "-1", AsOf.AddHours(-2))]);
        await FeedAsync(second, [Interactions.Make(second, second + "-1", AsOf.AddHours(-2))]);

        await Pulse.Client.IngestAsync([Interactions.Make(first, first + "-login", AsOf.AddHours(-1), InteractionKind.PageView) with { Identities = [Device(cookie, true)] }]);
        await Eventually.ReturnsAsync(() => Customer(cookie).GetAbsorbedIntoAsync(), into => into == first, "the cookie joined the first login");

        await Pulse.Client.IngestAsync([Interactions.Make(second, second + "-login", AsOf.AddMinutes(-30), InteractionKind.PageView) with { Identities = [Device(cookie, true)] }]);
        await Eventually.ReturnsAsync(() => Customer(second).GetProfileAsync(AsOf), p => p?.InteractionCount == 2, "the second login applied");

        Assert.Null(await Customer(second).GetAbsorbedIntoAsync());
        Assert.Null(await Customer(first).GetAbsorbedIntoAsync());
        Assert.Equal([cookie], await Customer(first).GetAbsorbedIdsAsync());
        Assert.Empty(await Customer(second).GetAbsorbedIdsAsync());
    }

    [Fact]
    public async Task The_anonymous_history_joins_the_login_whichever_claim_comes_first()
    {
        var (cookie, account) = (NewId("cookie"), NewId("acct"));
        await FeedAsync(account, [Interactions.Make(account, account + "-1", AsOf.AddHours(-3))]);

        // The login's claim of the device arrives before any event of the anonymous browsing does.
        await Pulse.Client.IngestAsync([Interactions.Make(account, account + "-login", AsOf.AddHours(-1)) with { Identities = [Device(cookie, true)] }]);
        await Eventually.ReturnsAsync(() => Identity(Device(cookie, true)).GetOwnerAsync(), o => o?.CustomerId == account, "the device claimed by the login");

        await Pulse.Client.IngestAsync(Interactions.History(cookie, 4, seed: 95).Select(e => e with { Identities = [Device(cookie, false)] }));

        await Eventually.ReturnsAsync(() => Customer(cookie).GetAbsorbedIntoAsync(), into => into == account, "the late anonymous history joined the account");
        await Eventually.ReturnsAsync(() => Customer(account).GetProfileAsync(AsOf), p => p?.InteractionCount == 6, "all six events on the account");
    }

    [Fact]
    public async Task Phone_numbers_and_unverified_emails_attach_but_never_merge()
    {
        var (a, b) = (NewId("a"), NewId("b"));
        var phone = new InteractionIdentity(new(IdentifierType.Phone, new string('a', 64)), true);
        var email = new InteractionIdentity(new(IdentifierType.Email, new string('b', 64)), false);

        // Both active first, so their next events come by delivery, which claims a page's identifiers before it hands it over.
        await FeedAsync(a, [Interactions.Make(a, a + "-0", AsOf.AddHours(-3))]);
        await FeedAsync(b, [Interactions.Make(b, b + "-0", AsOf.AddHours(-3))]);
        await Pulse.Client.IngestAsync([Interactions.Make(a, a + "-1", AsOf.AddHours(-2)) with { Identities = [phone, email] }]);
        await Eventually.ReturnsAsync(() => Customer(a).GetProfileAsync(AsOf), p => p?.InteractionCount == 2, "a's claims");
        await Pulse.Client.IngestAsync([Interactions.Make(b, b + "-1", AsOf.AddHours(-1)) with { Identities = [phone, email with { Verified = true }] }]);
        await Eventually.ReturnsAsync(() => Customer(b).GetProfileAsync(AsOf), p => p?.InteractionCount == 2, "b's claims");

        Assert.Equal(a, (await Identity(phone).GetOwnerAsync())!.CustomerId);
        Assert.Equal(a, (await Identity(email).GetOwnerAsync())!.CustomerId);
        Assert.Null(await Customer(a).GetAbsorbedIntoAsync());
        Assert.Null(await Customer(b).GetAbsorbedIntoAsync());
        Assert.Empty(await Customer(a).GetAbsorbedIdsAsync());
    }

    private static InteractionIdentity Device(string cookie, bool verified) => new(new(IdentifierType.Device, cookie), verified);

    private static InteractionIdentity Account(string account) => new(new(IdentifierType.Account, account), false);

    private IIdentityGrain Identity(InteractionIdentity identity) => Pulse.Client.GetGrain<IIdentityGrain>(identity.Key.GrainKey);

    private ICustomerGrain Customer(string id) => Pulse.Client.GetGrain<ICustomerGrain>(id);

    private async Task FeedAsync(string id, IReadOnlyList<Interaction> history)
    {
        await Pulse.Client.IngestAsync(history);
        await Eventually.ReturnsAsync(() => Customer(id).GetProfileAsync(AsOf), p => p?.InteractionCount == history.Count, $"{id} fed");
    }

    private static string NewId(string role) => $"id-{role}-{Guid.NewGuid():N}"[..24];
}
