using Pulse.Analytics.Simulation;

namespace Pulse.Analytics.Tests.Simulation;

public sealed class PopulationSimulatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> ValidChannels = ["web", "call-centre", "email", "store", "mobile"];

    private static readonly HashSet<string> ValidKinds =
    [
        "page-view", "add-to-cart", "purchase", "refund", "call", "chat", "email",
        "complaint", "review", "referral", "household", "mention", "signup",
    ];

    private static List<SimulatedEvent> Run(PopulationSimulator simulator, int count)
    {
        var events = new List<SimulatedEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(simulator.Next(Now));
        }

        return events;
    }

    [Fact]
    public void The_same_seed_and_run_id_give_the_same_stream()
    {
        var options = new SimulationOptions { Customers = 500, RunId = "run1" };
        var first = Run(new PopulationSimulator(options, seed: 17), 5_000);
        var second = Run(new PopulationSimulator(options, seed: 17), 5_000);
        var other = Run(new PopulationSimulator(options, seed: 18), 5_000);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(e => e.CustomerId), other.Select(e => e.CustomerId));
    }

    [Fact]
    public void Event_ids_are_unique_within_a_run_and_differ_between_runs()
    {
        var options = new SimulationOptions { Customers = 200 };
        var a = Run(new PopulationSimulator(options, seed: 1), 20_000);
        var b = Run(new PopulationSimulator(options, seed: 1), 1_000);

        Assert.Equal(a.Count, a.Select(e => e.EventId).Distinct().Count());
        Assert.Empty(a.Select(e => e.EventId).Intersect(b.Select(e => e.EventId)));
        Assert.All(a, e => Assert.InRange(e.EventId.Length, 1, 128));
    }

    // BG/NBD on CDNOW (Fader, Hardie & Lee 2005): E[λ] = r/α = 0.243/4.414 per week, E[p] = a/(a+b) = 0.2464.
    // Gamma-Gamma on CDNOW (Fader & Hardie 2013): E[p/ν] = pγ/(q−1) = 6.25·15.44/2.74 = 35.22.
    [Fact]
    public void Customers_are_drawn_from_the_cdnow_population()
    {
        var simulator = new PopulationSimulator(new SimulationOptions { Customers = 50_000 }, seed: 2);
        var customers = Enumerable.Range(0, 50_000).Select(simulator.CustomerAt).ToArray();

        Assert.InRange(customers.Average(c => c.PurchaseRate), 0.243 / 4.414 * 0.95, 0.243 / 4.414 * 1.05);
        Assert.InRange(customers.Average(c => c.DropoutProbability), 0.2464 - 0.006, 0.2464 + 0.006);
        Assert.InRange(customers.Average(c => 6.25 / c.SpendRate), 35.22 * 0.97, 35.22 * 1.03);
        Assert.Equal(50_000, customers.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Customers_act_in_proportion_to_their_purchase_rate()
    {
        // No drop-out (p ≈ 0), so the population stays fixed and only the selection is measured.
        var options = new SimulationOptions { Customers = 30, A = 1e-6, B = 1e6, RunId = "r" };
        var simulator = new PopulationSimulator(options, seed: 4);
        var rates = Enumerable.Range(0, 30).ToDictionary(i => simulator.CustomerAt(i).Id, i => simulator.CustomerAt(i).PurchaseRate);
        var total = rates.Values.Sum();

        const int n = 100_000;
        var counts = Run(simulator, n).GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(0, simulator.DropOuts);
        var checkedCustomers = 0;
        foreach (var (id, rate) in rates)
        {
            var expected = n * rate / total;
            if (expected >= 1_000)
            {
                checkedCustomers++;
                Assert.InRange(counts.GetValueOrDefault(id), expected * 0.9, expected * 1.1);
            }
        }

        Assert.True(checkedCustomers >= 3, $"only {checkedCustomers} customers were active enough to check");
    }

    [Fact]
    public void Customers_drop_out_and_are_replaced_by_new_ones_who_sign_up_first()
    {
        var options = new SimulationOptions { Customers = 300, RunId = "r" };
        var simulator = new PopulationSimulator(options, seed: 5);
        var events = Run(simulator, 30_000);

        Assert.True(simulator.DropOuts > 50, $"only {simulator.DropOuts} drop-outs");
        var newcomers = events
            .Where(e => int.Parse(e.CustomerId["c-".Length..], System.Globalization.CultureInfo.InvariantCulture) > 300)
            .GroupBy(e => e.CustomerId)
            .ToList();
        Assert.NotEmpty(newcomers);
        Assert.All(newcomers, g => Assert.Equal("signup", g.First().Kind));
        Assert.DoesNotContain(events.Take(1_000), e => e.Kind == "signup" && int.Parse(e.CustomerId[2..], System.Globalization.CultureInfo.InvariantCulture) <= 300);
    }

    [Fact]
    public void A_customer_who_dropped_out_emits_nothing_more()
    {
        var options = new SimulationOptions { Customers = 100, RunId = "r" };
        var simulator = new PopulationSimulator(options, seed: 6);
        var active = Enumerable.Range(0, 100).Select(i => simulator.CustomerAt(i).Id).ToHashSet();
        for (var i = 0; i < 20_000; i++)
        {
            var e = simulator.Next(Now);
            Assert.Contains(e.CustomerId, active);
            active = Enumerable.Range(0, 100).Select(s => simulator.CustomerAt(s).Id).ToHashSet();
        }
    }

    [Fact]
    public void Every_event_respects_the_wire_vocabulary_and_field_rules()
    {
        var options = new SimulationOptions { Customers = 2_000, RunId = "r" };
        var events = Run(new PopulationSimulator(options, seed: 8), 60_000);

        Assert.All(events, e =>
        {
            Assert.Contains(e.Channel, ValidChannels);
            Assert.Contains(e.Kind, ValidKinds);
            Assert.StartsWith("c-", e.CustomerId, StringComparison.Ordinal);

            if (e.Kind is "purchase" or "refund")
            {
                Assert.NotNull(e.Amount);
                Assert.True(e.Amount > 0m);
                Assert.Equal(Math.Round(e.Amount.Value, 2), e.Amount.Value);
            }
            else
            {
                Assert.Null(e.Amount);
            }

            if (e.Kind is "referral" or "household" or "mention")
            {
                Assert.NotNull(e.CounterpartyId);
                Assert.NotEqual(e.CustomerId, e.CounterpartyId);
            }
            else
            {
                Assert.Null(e.CounterpartyId);
            }

            if (e.Kind is "call" or "chat" or "email" or "complaint" or "review")
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Text));
                Assert.True(e.Text!.Length <= 4_000);
            }
            else
            {
                Assert.Null(e.Text);
            }

            if (e.Kind == "call")
            {
                Assert.Equal("call-centre", e.Channel);
            }
        });

        // Every kind shows up in a stream this long, and browsing dominates.
        var byKind = events.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ValidKinds.Count - 1, byKind.Keys.Count(k => k != "signup"));
        Assert.True(byKind["page-view"] > events.Count / 3);
        Assert.InRange(byKind["purchase"], events.Count * 0.06, events.Count * 0.10);
        Assert.True(byKind["refund"] < byKind["purchase"] / 5);
    }

    [Fact]
    public void Refunds_follow_a_purchase_of_the_same_customer_and_never_exceed_it()
    {
        var events = Run(new PopulationSimulator(new SimulationOptions { Customers = 500, RunId = "r" }, seed: 12), 80_000);
        var lastPurchase = new Dictionary<string, decimal>();
        var refunds = 0;
        foreach (var e in events)
        {
            if (e.Kind == "purchase")
            {
                lastPurchase[e.CustomerId] = e.Amount!.Value;
            }
            else if (e.Kind == "refund")
            {
                refunds++;
                Assert.True(lastPurchase.Remove(e.CustomerId, out var bought), $"{e.CustomerId} refunded without an open purchase");
                Assert.True(e.Amount <= bought);
            }
        }

        Assert.True(refunds > 0);
    }

    [Fact]
    public void Counterparties_are_existing_customers_and_the_well_connected_attract_more_links()
    {
        var options = new SimulationOptions { Customers = 1_000, RunId = "r" };
        var simulator = new PopulationSimulator(options, seed: 13);
        var events = Run(simulator, 200_000);
        var seen = new HashSet<string>();
        var initial = Enumerable.Range(1, 1_000).Select(i => "c-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var links = new List<string>();
        foreach (var e in events)
        {
            seen.Add(e.CustomerId);
            if (e.CounterpartyId is { } other)
            {
                Assert.True(initial.Contains(other) || seen.Contains(other), $"{other} was linked before it existed");
                links.Add(other);
            }
        }

        // Under uniform choice the busiest 1% of counterparties would take about 1% of links (a little
        // more by chance); preferential attachment concentrates them well beyond that.
        var topShare = links.GroupBy(x => x).Select(g => g.Count()).OrderDescending().Take(10).Sum() / (double)links.Count;
        Assert.True(topShare > 0.06, $"top 1% of counterparties took only {topShare:P1} of links");
    }

    [Fact]
    public void A_small_share_of_events_is_stamped_slightly_in_the_past()
    {
        var options = new SimulationOptions { Customers = 500, LateShare = 0.05, MaxLateness = TimeSpan.FromMinutes(3), RunId = "r" };
        var events = Run(new PopulationSimulator(options, seed: 14), 40_000);

        Assert.All(events, e => Assert.InRange(e.Timestamp, Now - TimeSpan.FromMinutes(3), Now));
        var late = events.Count(e => e.Timestamp < Now);
        Assert.InRange(late, 40_000 * 0.04, 40_000 * 0.06);
        Assert.Contains(events, e => e.Timestamp < Now - TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Unhappy_populations_complain_far_more_and_speak_more_negatively()
    {
        var unhappy = Run(new PopulationSimulator(new SimulationOptions { Customers = 1_000, MeanSatisfaction = -0.7, SatisfactionSpread = 0.1, RunId = "r" }, seed: 15), 40_000);
        var happy = Run(new PopulationSimulator(new SimulationOptions { Customers = 1_000, MeanSatisfaction = 0.7, SatisfactionSpread = 0.1, RunId = "r" }, seed: 15), 40_000);

        int Complaints(List<SimulatedEvent> events) => events.Count(e => e.Kind == "complaint");
        Assert.True(Complaints(unhappy) > 5 * Math.Max(1, Complaints(happy)), $"unhappy {Complaints(unhappy)} vs happy {Complaints(happy)}");

        static double NegativeShare(List<SimulatedEvent> events)
        {
            var texts = events.Where(e => e.Kind is "call" or "chat" or "email").Select(e => e.Text!).ToList();
            return texts.Count(t => TranscriptComposer.Negative.Any(t.Contains)) / (double)texts.Count;
        }

        Assert.True(NegativeShare(unhappy) > 0.8, $"unhappy negative share {NegativeShare(unhappy):P0}");
        Assert.True(NegativeShare(happy) < 0.3, $"happy negative share {NegativeShare(happy):P0}");
    }

    [Fact]
    public void A_population_of_one_never_links_to_itself()
    {
        var events = Run(new PopulationSimulator(new SimulationOptions { Customers = 1, A = 1e-6, B = 1e6, RunId = "r" }, seed: 16), 5_000);
        Assert.All(events, e => Assert.Null(e.CounterpartyId));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationSimulator(new SimulationOptions { Customers = 0 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationSimulator(new SimulationOptions { R = -1 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationSimulator(new SimulationOptions { LateShare = 1.5 }, 1));
    }
}
