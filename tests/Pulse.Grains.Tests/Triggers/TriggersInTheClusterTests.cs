using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Tests.Cluster;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>
/// Rules evaluated by customer grains in a two-silo cluster on a fake grain clock: what fires, when, and how
/// often, read from the outbox the silos share. Time moves by the clock, never by sleeping.
/// </summary>
public sealed class TriggersInTheClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_level_rule_fires_on_the_crossing_stays_silent_inside_the_band_and_fires_again_after_rearming()
    {
        var clock = new FakeTimeProvider(PulseTestCluster.Start);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock);
        var rule = await SaveAsync(pulse, """{"id":"complaints","name":"Many complaints","category":"service","when":{"fact":"complaints.7d","atLeast":3,"rearmBelow":2}}""");
        var customer = $"osc-{Guid.NewGuid():N}"[..16];
        var t0 = clock.GetUtcNow();

        // Three complaints a day apart: the third crosses.
        await ComplainAsync(pulse, customer, 1, t0);
        clock.Advance(TimeSpan.FromDays(1));
        await ComplainAsync(pulse, customer, 2, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(1));
        await ComplainAsync(pulse, customer, 3, clock.GetUtcNow());
        var fired = await FiringsAsync(pulse, rule, customer, 1);
        Assert.Contains("complaints.7d 3", fired[0].Firing.Why, StringComparison.Ordinal);

        // A week after the first, it drops out (2: inside the band [2, 3)); a fourth takes the count back to 3.
        clock.SetUtcNow(t0 + TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await ComplainAsync(pulse, customer, 4, clock.GetUtcNow());
        await AppliedAsync(pulse, customer, 4);
        Assert.Single(await FiringsAsync(pulse, rule, customer, 1));

        // Two more drop out (1: below the re-arm level), seen at a page view: re-armed. The next complaint
        // makes 2 (armed, below the threshold), the one after 3: a second firing.
        clock.SetUtcNow(t0 + TimeSpan.FromDays(9) + TimeSpan.FromMinutes(2));
        await pulse.Client.IngestAsync([Interactions.Make(customer, $"{customer}-view", clock.GetUtcNow())]);
        await AppliedAsync(pulse, customer, 5);
        await ComplainAsync(pulse, customer, 5, clock.GetUtcNow());
        await AppliedAsync(pulse, customer, 6);
        Assert.Single(await FiringsAsync(pulse, rule, customer, 1));
        await ComplainAsync(pulse, customer, 6, clock.GetUtcNow());
        var both = await FiringsAsync(pulse, rule, customer, 2);
        Assert.Equal([2L, 1L], both.Select(f => f.Firing.Sequence));
        Assert.NotEqual(both[0].Firing.IdempotencyKey, both[1].Firing.IdempotencyKey);
    }

    [Fact]
    public async Task Cooldown_and_cap_hold_on_an_event_rule()
    {
        var clock = new FakeTimeProvider(PulseTestCluster.Start);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock);
        var rule = await SaveAsync(pulse, """{"id":"each-complaint","name":"Each complaint","category":"service","when":{"event":"complaint"},"cooldown":"1d","cap":{"count":2,"period":"7d"}}""");
        var customer = $"cap-{Guid.NewGuid():N}"[..16];
        var t0 = clock.GetUtcNow();

        // (offset from t0, fires?): cooldown blocks the second, the cap the fourth, a new window opens on day 7.
        (TimeSpan At, int FiringsAfter)[] steps =
        [
            (TimeSpan.Zero, 1),
            (TimeSpan.FromHours(1), 1),
            (TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1), 2),
            (TimeSpan.FromDays(2) + TimeSpan.FromMinutes(2), 2),
            (TimeSpan.FromDays(7) + TimeSpan.FromMinutes(3), 3),
        ];
        for (var i = 0; i < steps.Length; i++)
        {
            clock.SetUtcNow(t0 + steps[i].At);
            await ComplainAsync(pulse, customer, i + 1, clock.GetUtcNow());
            await AppliedAsync(pulse, customer, i + 1);
            var firings = await FiringsAsync(pulse, rule, customer, steps[i].FiringsAfter);
            Assert.Equal(steps[i].FiringsAfter, firings.Count);
        }
    }

    [Fact]
    public async Task A_silent_customer_fires_the_inactivity_rule_when_the_time_comes_and_not_before()
    {
        var clock = new FakeTimeProvider(PulseTestCluster.Start);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock);
        var rule = await SaveAsync(pulse, """{"id":"gone-quiet","name":"Gone quiet","category":"service","when":{"inactiveFor":"2d"}}""");
        var customer = $"quiet-{Guid.NewGuid():N}"[..16];
        var lastSeen = clock.GetUtcNow();
        await pulse.Client.IngestAsync([Interactions.Make(customer, $"{customer}-v", lastSeen)]);
        await AppliedAsync(pulse, customer, 1);

        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Empty(await pulse.Outbox.GetCustomerFiringsAsync(customer, 10, TestContext.Current.CancellationToken));

        // No event: the customer's own timer, due at last seen + 2 days.
        clock.Advance(TimeSpan.FromMinutes(2));
        var fired = Assert.Single(await FiringsAsync(pulse, rule, customer, 1));
        Assert.InRange(fired.Firing.FiredAt, lastSeen + TimeSpan.FromDays(2), clock.GetUtcNow());
        Assert.Null(fired.Firing.EventId);
        var reason = Assert.Single(fired.Firing.Reasons);
        Assert.Equal(("inactiveFor", "atLeast"), (reason.Subject, reason.Comparison));
    }

    [Fact]
    public async Task A_reminder_wakes_a_deactivated_customer_when_its_inactivity_rule_comes_due()
    {
        // Real time here (reminders keep it); every due rule gets a reminder, however near.
        await using var pulse = await PulseTestCluster.StartAsync(1, TimeSpan.FromHours(1), settings: new Dictionary<string, string?> { ["Pulse:Triggers:ReminderAfter"] = "00:00:00" });
        var rule = await SaveAsync(pulse, """{"id":"gone-quiet-briefly","name":"Gone quiet","category":"service","when":{"inactiveFor":"8s"}}""");
        var customer = $"asleep-{Guid.NewGuid():N}"[..16];
        var lastSeen = DateTimeOffset.UtcNow;
        await pulse.Client.IngestAsync([Interactions.Make(customer, $"{customer}-v", lastSeen)]);
        await AppliedAsync(pulse, customer, 1);

        // The customer's activation goes (and its timer with it) long before the rule is due.
        var management = pulse.Client.GetGrain<IManagementGrain>(0);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.ReturnsAsync(
            async () => (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("CustomerGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount),
            count => count == 0,
            "the customer deactivated",
            Patience);
        Assert.Empty(await pulse.Outbox.GetCustomerFiringsAsync(customer, 10, TestContext.Current.CancellationToken));

        var fired = Assert.Single(await FiringsAsync(pulse, rule, customer, 1));
        Assert.True(fired.Firing.FiredAt >= lastSeen + TimeSpan.FromSeconds(8), $"fired at {fired.Firing.FiredAt:O}, last seen {lastSeen:O}");
    }

    private static async Task<string> SaveAsync(PulseTestCluster pulse, string json)
    {
        var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        var saved = await pulse.Client.GetGrain<ITriggerRegistryGrain>(0).SaveAsync(id, json);
        Assert.True(saved.IsValid, string.Join("; ", saved.Problems.Select(p => $"{p.Path}: {p.Message}")));

        // Every silo's cache has it before the first event (it asks every 250 ms by default).
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        return id;
    }

    private static Task ComplainAsync(PulseTestCluster pulse, string customer, int n, DateTimeOffset at) =>
        pulse.Client.IngestAsync([Interactions.Make(customer, $"{customer}-c{n}", at, InteractionKind.Complaint)]);

    private static Task AppliedAsync(PulseTestCluster pulse, string customer, long count) =>
        Eventually.ReturnsAsync(
            () => pulse.Client.GetGrain<Contracts.Customers.ICustomerGrain>(customer).GetProfileAsync(),
            p => p?.InteractionCount >= count,
            $"{customer}'s {count} interactions applied",
            Patience);

    /// <summary>The customer's firings of a rule once there are at least <paramref name="atLeast"/>, newest first.</summary>
    private static async Task<IReadOnlyList<FiringRecord>> FiringsAsync(PulseTestCluster pulse, string rule, string customer, int atLeast)
    {
        var all = await Eventually.ReturnsAsync(
            () => pulse.Outbox.GetCustomerFiringsAsync(customer, 100),
            f => f.Count(r => r.Firing.RuleId == rule) >= atLeast,
            $"{atLeast} firings of {rule} for {customer}",
            Patience);

        // A moment more for anything that should not have fired to show up.
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        return [.. (await pulse.Outbox.GetCustomerFiringsAsync(customer, 100)).Where(r => r.Firing.RuleId == rule)];
    }
}
