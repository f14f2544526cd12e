using Pulse.Grains.Triggers.Outbox;
using static Pulse.Grains.Tests.Triggers.SampleFirings;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>The outbox contract, proved against each implementation (in memory and PostgreSQL).</summary>
public abstract class TriggerOutboxTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>The outbox under test (one store for the whole test).</summary>
    protected abstract ITriggerOutbox Outbox { get; }

    /// <summary>Another claimer on the same store, as a second silo would be.</summary>
    protected virtual ITriggerOutbox SecondClaimer => Outbox;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AppendStoresEachKeyOnceAndReturnsOnlyTheNewFirings()
    {
        var a = Firing("rule.a", "cust-1", T0);
        var b = Firing("rule.a", "cust-2", T0);
        var first = await Outbox.AppendAsync([With(a, "http://one.test/hook"), With(b, "http://one.test/hook"), With(a with { Why = "again" }, "http://two.test/hook")], T0, Ct);
        Assert.Equal([a.IdempotencyKey, b.IdempotencyKey], first.Select(f => f.IdempotencyKey));

        var c = Firing("rule.a", "cust-1", T0.AddMinutes(1), sequence: 2);
        var second = await Outbox.AppendAsync([With(a with { Why = "re-created after a crash" }, "http://two.test/hook"), With(c)], T0, Ct);
        Assert.Equal([c.IdempotencyKey], second.Select(f => f.IdempotencyKey));

        // The first form is kept, with its deliveries only.
        var history = await Outbox.GetCustomerFiringsAsync("cust-1", 10, Ct);
        var stored = Assert.Single(history, r => r.Firing.IdempotencyKey == a.IdempotencyKey);
        AssertSame(a, stored.Firing);
        Assert.Equal(["http://one.test/hook"], stored.Deliveries.Select(d => d.Url));
        Assert.Equal(2, (await Outbox.ClaimDueAsync(T0, 10, Lease, Ct)).Count);
    }

    [Fact]
    public async Task AClaimedDeliveryCarriesTheFiringAsAppendedAndItsTarget()
    {
        var firing = Firing("rule.b", "cust-3", T0.AddTicks(1234));
        await Outbox.AppendAsync([With(firing, new WebhookTarget("https://crm.test/pulse", "crm-signing"), new WebhookTarget("https://other.test/", null))], T0, Ct);

        var due = await Outbox.ClaimDueAsync(T0, 10, Lease, Ct);

        Assert.Equal(2, due.Count);
        Assert.All(due, d => AssertSame(firing, d.Firing));
        Assert.All(due, d => Assert.Equal(1, d.Attempt));
        Assert.Equal([new WebhookTarget("https://crm.test/pulse", "crm-signing"), new WebhookTarget("https://other.test/", null)], due.Select(d => d.Target));
    }

    [Fact]
    public async Task AClaimTakesOnlyDueDeliveriesOldestFirstUpToItsMaximum()
    {
        var early = Firing("rule.c", "cust-4", T0);
        var late = Firing("rule.c", "cust-5", T0);
        await Outbox.AppendAsync([With(early, "http://a.test/1", "http://a.test/2")], T0, Ct);
        await Outbox.AppendAsync([With(late, "http://a.test/3")], T0.AddSeconds(10), Ct);

        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(-1), 10, Lease, Ct));
        var first = await Outbox.ClaimDueAsync(T0.AddSeconds(10), 2, Lease, Ct);
        Assert.Equal(["http://a.test/1", "http://a.test/2"], first.Select(d => d.Target.Url));
        var second = await Outbox.ClaimDueAsync(T0.AddSeconds(10), 2, Lease, Ct);
        Assert.Equal(["http://a.test/3"], second.Select(d => d.Target.Url));
    }

    [Fact]
    public async Task AClaimedDeliveryIsNotClaimedAgainUntilItsLeaseRunsOut()
    {
        await Outbox.AppendAsync([With(Firing("rule.d", "cust-6", T0), "http://a.test/")], T0, Ct);

        var claimed = Assert.Single(await Outbox.ClaimDueAsync(T0, 10, Lease, Ct));
        Assert.Empty(await SecondClaimer.ClaimDueAsync(T0.AddSeconds(29), 10, Lease, Ct));

        // The claimer died mid-send: after the lease another takes it, the lost attempt counted.
        var again = Assert.Single(await SecondClaimer.ClaimDueAsync(T0 + Lease, 10, Lease, Ct));
        Assert.Equal(claimed.DeliveryId, again.DeliveryId);
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public async Task ADeliveredDeliveryIsNeverClaimedAgainAndShowsWhenItWasDelivered()
    {
        var firing = Firing("rule.e", "cust-7", T0);
        await Outbox.AppendAsync([With(firing, "http://a.test/")], T0, Ct);
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(T0, 10, Lease, Ct));

        await Outbox.MarkDeliveredAsync(claimed.DeliveryId, T0.AddSeconds(1), Ct);

        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddHours(1), 10, Lease, Ct));
        var delivery = Assert.Single(Assert.Single(await Outbox.GetCustomerFiringsAsync("cust-7", 10, Ct)).Deliveries);
        Assert.Equal(new DeliveryRecord(claimed.DeliveryId, "http://a.test/", DeliveryState.Delivered, 1, null, T0.AddSeconds(1), null), delivery);
    }

    [Fact]
    public async Task AFailedAttemptIsDueAgainAtItsRetryTimeAndNotBefore()
    {
        await Outbox.AppendAsync([With(Firing("rule.f", "cust-8", T0), "http://a.test/")], T0, Ct);
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(T0, 10, Lease, Ct));

        await Outbox.MarkFailedAsync(claimed.DeliveryId, "HTTP 500 Internal Server Error", T0.AddSeconds(5), T0.AddSeconds(1), Ct);

        var delivery = Assert.Single(Assert.Single(await Outbox.GetCustomerFiringsAsync("cust-8", 10, Ct)).Deliveries);
        Assert.Equal(new DeliveryRecord(claimed.DeliveryId, "http://a.test/", DeliveryState.Pending, 1, T0.AddSeconds(5), null, "HTTP 500 Internal Server Error"), delivery);
        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(4), 10, Lease, Ct));
        var retry = Assert.Single(await Outbox.ClaimDueAsync(T0.AddSeconds(5), 10, Lease, Ct));
        Assert.Equal(2, retry.Attempt);
    }

    [Fact]
    public async Task AFailureWithoutRetryDeadLettersAndReplayMakesItDueAfresh()
    {
        var firing = Firing("rule.g", "cust-9", T0);
        await Outbox.AppendAsync([With(firing, "http://a.test/")], T0, Ct);
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(T0, 10, Lease, Ct));

        await Outbox.MarkFailedAsync(claimed.DeliveryId, "HTTP 503 Service Unavailable", null, T0.AddSeconds(1), Ct);

        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddDays(1), 10, Lease, Ct));
        var dead = Assert.Single(await Outbox.GetDeadLettersAsync(10, Ct));
        AssertSame(firing, dead.Firing);
        Assert.Equal(new DeliveryRecord(claimed.DeliveryId, "http://a.test/", DeliveryState.DeadLettered, 1, null, null, "HTTP 503 Service Unavailable"), Assert.Single(dead.Deliveries));

        Assert.True(await Outbox.ReplayAsync(claimed.DeliveryId, T0.AddMinutes(1), Ct));
        Assert.False(await Outbox.ReplayAsync(claimed.DeliveryId, T0.AddMinutes(1), Ct));
        Assert.Empty(await Outbox.GetDeadLettersAsync(10, Ct));
        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(59), 10, Lease, Ct));
        var replayed = Assert.Single(await Outbox.ClaimDueAsync(T0.AddMinutes(1), 10, Lease, Ct));
        Assert.Equal((claimed.DeliveryId, 1), (replayed.DeliveryId, replayed.Attempt));
    }

    [Fact]
    public async Task OnlyADeadLetterCanBeReplayed()
    {
        await Outbox.AppendAsync([With(Firing("rule.h", "cust-10", T0), "http://a.test/1", "http://a.test/2")], T0, Ct);
        var claimed = await Outbox.ClaimDueAsync(T0, 10, Lease, Ct);
        await Outbox.MarkDeliveredAsync(claimed[0].DeliveryId, T0, Ct);

        Assert.False(await Outbox.ReplayAsync(claimed[0].DeliveryId, T0, Ct));
        Assert.False(await Outbox.ReplayAsync(claimed[1].DeliveryId, T0, Ct));
        Assert.False(await Outbox.ReplayAsync(long.MaxValue, T0, Ct));
    }

    [Fact]
    public async Task ALateFailureDoesNotUndoADelivery()
    {
        await Outbox.AppendAsync([With(Firing("rule.i", "cust-11", T0), "http://a.test/")], T0, Ct);
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(T0, 10, Lease, Ct));

        await Outbox.MarkDeliveredAsync(claimed.DeliveryId, T0.AddSeconds(1), Ct);
        await Outbox.MarkFailedAsync(claimed.DeliveryId, "timed out", null, T0.AddSeconds(2), Ct);

        var delivery = Assert.Single(Assert.Single(await Outbox.GetCustomerFiringsAsync("cust-11", 10, Ct)).Deliveries);
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Empty(await Outbox.GetDeadLettersAsync(10, Ct));
    }

    [Fact]
    public async Task DeadLettersComeNewestFirstWithOnlyTheirDeadDeliveries()
    {
        var older = Firing("rule.j", "cust-12", T0);
        var newer = Firing("rule.j", "cust-13", T0);
        await Outbox.AppendAsync([With(older, "http://a.test/1", "http://a.test/2"), With(newer, "http://a.test/3")], T0, Ct);
        var claimed = await Outbox.ClaimDueAsync(T0, 10, Lease, Ct);
        await Outbox.MarkFailedAsync(claimed[0].DeliveryId, "x", null, T0.AddSeconds(1), Ct);
        await Outbox.MarkDeliveredAsync(claimed[1].DeliveryId, T0.AddSeconds(1), Ct);
        await Outbox.MarkFailedAsync(claimed[2].DeliveryId, "y", null, T0.AddSeconds(2), Ct);

        var dead = await Outbox.GetDeadLettersAsync(10, Ct);

        Assert.Equal([newer.IdempotencyKey, older.IdempotencyKey], dead.Select(d => d.Firing.IdempotencyKey));
        Assert.Equal(["http://a.test/3"], dead[0].Deliveries.Select(d => d.Url));
        Assert.Equal(["http://a.test/1"], dead[1].Deliveries.Select(d => d.Url));
        Assert.Equal([newer.IdempotencyKey], (await Outbox.GetDeadLettersAsync(1, Ct)).Select(d => d.Firing.IdempotencyKey));
    }

    [Fact]
    public async Task HistoryByRuleAndByCustomerIsNewestFirstWithDeliveries()
    {
        var first = Firing("rule.k", "cust-14", T0, 1);
        var second = Firing("rule.k", "cust-15", T0.AddMinutes(1), 1);
        var third = Firing("rule.k", "cust-14", T0.AddMinutes(2), 2);
        var otherRule = Firing("rule.l", "cust-14", T0.AddMinutes(3), 1);
        await Outbox.AppendAsync([With(second, "http://a.test/1", "http://a.test/2"), With(third), With(first, "http://a.test/3"), With(otherRule, "http://a.test/4")], T0, Ct);

        var rule = await Outbox.GetRuleFiringsAsync("rule.k", 10, cancellationToken: Ct);
        Assert.Equal([third.IdempotencyKey, second.IdempotencyKey, first.IdempotencyKey], rule.Select(r => r.Firing.IdempotencyKey));
        Assert.Empty(rule[0].Deliveries);
        Assert.Equal(["http://a.test/1", "http://a.test/2"], rule[1].Deliveries.Select(d => d.Url));
        Assert.All(rule[1].Deliveries, d => Assert.Equal((DeliveryState.Pending, 0, (DateTimeOffset?)T0), (d.State, d.Attempts, d.NextAttemptAt)));

        Assert.Equal([third.IdempotencyKey, second.IdempotencyKey], (await Outbox.GetRuleFiringsAsync("rule.k", 2, cancellationToken: Ct)).Select(r => r.Firing.IdempotencyKey));
        Assert.Equal([second.IdempotencyKey, first.IdempotencyKey], (await Outbox.GetRuleFiringsAsync("rule.k", 10, T0.AddMinutes(2), Ct)).Select(r => r.Firing.IdempotencyKey));

        var customer = await Outbox.GetCustomerFiringsAsync("cust-14", 10, Ct);
        Assert.Equal([otherRule.IdempotencyKey, third.IdempotencyKey, first.IdempotencyKey], customer.Select(r => r.Firing.IdempotencyKey));
        Assert.Equal(["http://a.test/3"], customer[2].Deliveries.Select(d => d.Url));
        Assert.Empty(await Outbox.GetCustomerFiringsAsync("nobody", 10, Ct));
        Assert.Empty(await Outbox.GetRuleFiringsAsync("no.rule", 10, cancellationToken: Ct));
    }

    [Fact]
    public async Task TwoClaimersRacingNeverGetTheSameDelivery()
    {
        var firings = Enumerable.Range(0, 150).Select(i => With(Firing("rule.m", $"cust-race-{i}", T0), "http://a.test/")).ToList();
        await Outbox.AppendAsync(firings, T0, Ct);

        async Task<List<long>> ClaimAllAsync(ITriggerOutbox claimer)
        {
            var mine = new List<long>();
            while (await claimer.ClaimDueAsync(T0, 7, Lease, Ct) is { Count: > 0 } due)
            {
                mine.AddRange(due.Select(d => d.DeliveryId));
            }

            return mine;
        }

        var results = await Task.WhenAll(Task.Run(() => ClaimAllAsync(Outbox), Ct), Task.Run(() => ClaimAllAsync(SecondClaimer), Ct));

        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Equal(150, results[0].Concat(results[1]).Distinct().Count());
        Assert.Equal(150, results[0].Count + results[1].Count);
    }
}
