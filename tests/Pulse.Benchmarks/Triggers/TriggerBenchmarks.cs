using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Triggers;

namespace Pulse.Benchmarks.Triggers;

/// <summary>
/// The rule kernel on the customer's path (issue 8): evaluating 50 typical rules for one customer change,
/// target ≤ 5 µs and no allocation when nothing fires. Rules are written as JSON and mix what marketers
/// write: two thresholds with hysteresis, any-of pairs, events, attributes, segments and moves,
/// inactivity, negations and ranges; a third in groups, some with cooldowns and caps. 1,024 customers
/// with random facts (about 70 registered facts, as the customer exposes) have each been evaluated until
/// steady, so many rules are true but disarmed (the re-arm check runs too) and the events are ones no
/// rule listens for: the common case.
/// </summary>
[MemoryDiagnoser]
public class TriggerBenchmarks
{
    private const int Customers = 1_024;
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] QuietEvents = ["page-view", "email", "add-to-cart", "chat"];

    private CompiledRuleSet _rules = null!;
    private CustomerFacts[] _facts = [];
    private TriggerState[][] _states = [];
    private readonly List<TriggerFiring> _firings = [];
    private CustomerFacts _crossing = null!;
    private TriggerState[] _beforeCrossing = [];
    private TriggerState[] _working = [];
    private string[] _ruleJson = [];
    private FactSchema _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schema = new FactSchema(FactNames());
        _ruleJson = [.. RuleJson()];
        _rules = CompiledRuleSet.Compile(_ruleJson.Select(j => TriggerRuleJson.Parse(j, _schema).Rule ?? throw new InvalidOperationException(j)), _schema);

        var random = new Random(8);
        _facts = [.. Enumerable.Range(0, Customers).Select(i => RandomCustomer(random, $"c-{i}"))];
        _states = [.. _facts.Select(_ => _rules.NewStates())];
        var firedInWarmUp = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < Customers; i++)
            {
                firedInWarmUp += _rules.Evaluate(_facts[i], _states[i], _firings);
            }
        }

        if (Evaluate() != 0)
        {
            throw new InvalidOperationException("The measured pass must fire nothing.");
        }

        // One customer whose churn risk crosses 0.7 with a high CLV: the retention rules fire.
        _crossing = RandomCustomer(random, "c-crossing");
        _crossing.MarketingConsent = true;
        _crossing["churn.probability"] = 0.5;
        _crossing["clv.value"] = 900;
        _beforeCrossing = _rules.NewStates();
        _rules.Evaluate(_crossing, _beforeCrossing, _firings);
        _crossing["churn.probability"] = 0.75;
        _working = _rules.NewStates();
        var crossing = EvaluateCrossing();
        var armedTrue = _states.Sum(s => s.Count(x => !x.Armed));
        Console.WriteLine($"// {_rules.Rules.Count} rules, {_schema.Count} facts; warm-up fired {firedInWarmUp}; {armedTrue} of {Customers * _rules.Rules.Count} customer-rules disarmed; the crossing fires {crossing}");
        _firings.Clear();
    }

    /// <summary>50 rules for one customer change that fires nothing.</summary>
    [Benchmark(OperationsPerInvoke = Customers)]
    public int Evaluate()
    {
        var fired = 0;
        for (var i = 0; i < Customers; i++)
        {
            fired += _rules.Evaluate(_facts[i], _states[i], _firings);
        }

        return fired;
    }

    /// <summary>50 rules for a change that fires: the firings with their reasons and idempotency keys.</summary>
    [Benchmark]
    public int EvaluateCrossing()
    {
        _beforeCrossing.CopyTo(_working, 0);
        _firings.Clear();
        return _rules.Evaluate(_crossing, _working, _firings);
    }

    /// <summary>When the customer must wake next with no event (inactivity, cooldowns).</summary>
    [Benchmark(OperationsPerInvoke = Customers)]
    public long NextDue()
    {
        long sum = 0;
        for (var i = 0; i < Customers; i++)
        {
            sum += _rules.NextDue(_facts[i], _states[i])?.UtcTicks ?? 0;
        }

        return sum;
    }

    /// <summary>Reading, validating and compiling the 50 rules (once per rule change, per silo).</summary>
    [Benchmark]
    public int ParseAndCompile() =>
        CompiledRuleSet.Compile(_ruleJson.Select(j => TriggerRuleJson.Parse(j, _schema).Rule!), _schema).Rules.Count;

    private CustomerFacts RandomCustomer(Random random, string id)
    {
        var facts = new CustomerFacts(_schema)
        {
            CustomerId = id,
            Now = Now,
            LastSeen = Now.AddDays(-random.NextDouble() * 60),
            EventKind = QuietEvents[random.Next(QuietEvents.Length)],
            MarketingConsent = random.Next(10) != 0,
            Segment = random.Next(6),
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Contract"] = random.Next(3) switch { 0 => "Month-to-month", 1 => "One year", _ => "Two year" },
                ["PaymentMethod"] = random.Next(2) == 0 ? "Electronic check" : "Credit card",
            },
        };
        facts.PreviousSegment = random.Next(3) == 0 ? (facts.Segment + 1) % 6 : null;
        for (var f = 0; f < _schema.Count; f++)
        {
            // Counts are skewed (most customers do little), a few facts unknown.
            facts.Values[f] = random.Next(20) == 0 ? double.NaN : Math.Floor(-Math.Log(1 - random.NextDouble()) * 3);
        }

        facts["churn.probability"] = random.NextDouble();
        facts["clv.value"] = random.NextDouble() * 1500;
        facts["clv.pAlive"] = random.NextDouble();
        facts["sentiment.level7d"] = random.NextDouble() * 2 - 1;
        facts["influence.percentile"] = random.NextDouble() * 100;
        facts["network.churnContagion"] = random.NextDouble();
        return facts;
    }

    private static IEnumerable<string> FactNames()
    {
        string[] windows = ["7d", "30d", "90d"];
        string[] channels = ["web", "call-centre", "email", "store", "mobile"];
        string[] kinds = ["page-view", "add-to-cart", "purchase", "refund", "call", "chat", "email", "complaint", "review", "referral", "household", "mention", "signup", "relationship-end"];
        foreach (var w in windows)
        {
            foreach (var c in channels)
            {
                yield return $"channel.{c}.count.{w}";
            }

            foreach (var k in kinds)
            {
                yield return $"kind.{k}.count.{w}";
            }

            yield return $"kind.purchase.amount.{w}";
        }

        foreach (var score in new[] { "clv.value", "clv.pAlive", "churn.probability", "sentiment.level7d", "influence.percentile", "network.value", "network.churnContagion" })
        {
            yield return score;
        }
    }

    private static IEnumerable<string> RuleJson()
    {
        static string Rule(string id, int priority, string category, string when, string more = "") =>
            $$"""{"id":"{{id}}","name":"{{id}}","priority":{{priority}},"category":"{{category}}","when":{{when}}{{more}}}""";

        string[] scores = ["churn.probability", "network.churnContagion", "clv.pAlive"];
        for (var i = 0; i < 12; i++)
        {
            var t = 0.5 + i * 0.04;
            yield return Rule($"retention-{i}", 10 + i, "marketing",
                $$"""{"all":[{"fact":"{{scores[i % 3]}}","above":{{t}},"rearmBelow":{{t - 0.1}}},{"fact":"clv.value","above":{{300 + 50 * i}}}]}""",
                i % 3 == 0 ? ""","group":"retention","cooldown":"7d" """ : "");
        }

        string[] windows = ["7d", "30d", "90d"];
        for (var i = 0; i < 8; i++)
        {
            yield return Rule($"unhappy-{i}", 5, "service",
                $$"""{"any":[{"fact":"kind.complaint.count.{{windows[i % 3]}}","atLeast":{{4 + i}}},{"fact":"sentiment.level7d","below":{{-0.6 - i * 0.04}},"rearmAbove":-0.3}]}""",
                ""","cap":{"count":2,"period":"30d"}""");
        }

        string[] events = ["purchase", "complaint", "refund", "review", "referral", "signup"];
        for (var i = 0; i < 6; i++)
        {
            yield return Rule($"on-{events[i]}", 3, i % 2 == 0 ? "marketing" : "service",
                $$"""{"all":[{"event":"{{events[i]}}"},{"fact":"kind.purchase.amount.30d","atLeast":{{2 + i}}}]}""",
                ""","cooldown":"1d" """);
        }

        for (var i = 0; i < 6; i++)
        {
            yield return Rule($"contract-{i}", 4, "marketing",
                $$$"""{"all":[{"attribute":"Contract","in":["Month-to-month","One year"]},{"fact":"churn.probability","above":{{{0.55 + i * 0.05}}},"rearmBelow":0.45},{"not":{"attribute":"PaymentMethod","equals":"Credit card"}}]}""",
                ""","group":"contract" """);
        }

        for (var i = 0; i < 6; i++)
        {
            yield return Rule($"segment-{i}", 2, "marketing", i < 3
                ? $$$"""{"all":[{"segment":"in","ids":[{{{i}}},{{{i + 1}}}]},{"fact":"influence.percentile","atLeast":{{{90 + i}}}}]}"""
                : $$$"""{"segmentMove":{"from":{{{i - 3}}},"to":{{{i - 2}}}}}""");
        }

        for (var i = 0; i < 6; i++)
        {
            yield return Rule($"win-back-{i}", 1, "marketing",
                $$"""{"all":[{"inactiveFor":"{{20 + 5 * i}}d"},{"fact":"clv.value","above":{{200 + 100 * i}}},{"fact":"kind.purchase.count.90d","atLeast":1}]}""",
                ""","cap":{"count":1,"period":"90d"},"group":"win-back" """);
        }

        for (var i = 0; i < 6; i++)
        {
            yield return Rule($"fading-{i}", 0, "marketing",
                $$$"""{"all":[{"not":{"event":"complaint"}},{"fact":"clv.pAlive","between":[{{{0.2 + i * 0.05}}},{{{0.35 + i * 0.05}}}]},{"fact":"channel.web.count.30d","atMost":{{{i}}}}]}""");
        }
    }
}
