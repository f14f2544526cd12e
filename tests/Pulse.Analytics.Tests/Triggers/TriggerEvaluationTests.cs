using System.Security.Cryptography;
using System.Text;
using Pulse.Analytics.Triggers;
using static Pulse.Analytics.Tests.Triggers.TriggerTesting;

namespace Pulse.Analytics.Tests.Triggers;

public sealed class TriggerEvaluationTests
{
    private const string ChurnAbove = """{"fact":"churn.probability","above":0.7}""";
    private const string ChurnBand = """{"fact":"churn.probability","above":0.7,"rearmBelow":0.6}""";

    [Fact]
    public void ACrossingFiresOnceAndNotAgainWhileTheValueStaysAbove()
    {
        var customer = new CustomerUnderRules(Set(Rule(ChurnAbove)));

        Assert.Empty(customer.Step("churn.probability", 0.5));
        Assert.Equal(["r1"], customer.Step("churn.probability", 0.75));
        Assert.Empty(customer.Step("churn.probability", 0.9));
        Assert.Empty(customer.Step("churn.probability", 0.71));
        Assert.False(customer.State("r1").Armed);
        Assert.Equal(1, customer.State("r1").Sequence);
    }

    [Fact]
    public void OscillatingInsideTheBandNeverRefiresAndLeavingItRearms()
    {
        var customer = new CustomerUnderRules(Set(Rule(ChurnBand)));

        Assert.Equal(["r1"], customer.Step("churn.probability", 0.71));
        foreach (var value in new[] { 0.69, 0.71, 0.69, 0.71, 0.61, 0.6, 0.71 })
        {
            Assert.Empty(customer.Step("churn.probability", value));
        }

        Assert.Empty(customer.Step("churn.probability", 0.59));
        Assert.True(customer.State("r1").Armed);
        Assert.Equal(["r1"], customer.Step("churn.probability", 0.71));
    }

    [Fact]
    public void WithoutARearmThresholdTheRuleRearmsWhenTheComparisonIsFalse()
    {
        var customer = new CustomerUnderRules(Set(Rule(ChurnAbove)));

        Assert.Equal(["r1"], customer.Step("churn.probability", 0.71));
        Assert.Empty(customer.Step("churn.probability", 0.7));
        Assert.Equal(["r1"], customer.Step("churn.probability", 0.71));
    }

    [Fact]
    public void BelowWithRearmAboveIsTheMirrorImage()
    {
        var customer = new CustomerUnderRules(Set(Rule("""{"fact":"sentiment.level7d","below":-0.5,"rearmAbove":-0.2}""")));

        Assert.Equal(["r1"], customer.Step("sentiment.level7d", -0.6));
        Assert.Empty(customer.Step("sentiment.level7d", -0.3));
        Assert.Empty(customer.Step("sentiment.level7d", -0.6));
        Assert.Empty(customer.Step("sentiment.level7d", -0.1));
        Assert.Equal(["r1"], customer.Step("sentiment.level7d", -0.51));
    }

    [Fact]
    public void AnUnknownFactNeitherFiresNorRearms()
    {
        var customer = new CustomerUnderRules(Set(
            Rule(ChurnBand),
            Rule("""{"not":{"fact":"clv.value","above":500}}""", id: "r2")));

        Assert.Empty(customer.Evaluate());
        Assert.Equal(["r1"], customer.Step("churn.probability", 0.8));
        Assert.Empty(customer.Step("churn.probability", double.NaN));
        Assert.False(customer.State("r1").Armed);
        Assert.Empty(customer.Step("churn.probability", 0.8));
        Assert.Empty(customer.Step("churn.probability", 0.5));
        Assert.Equal(["r1"], customer.Step("churn.probability", 0.8));
    }

    [Fact]
    public void AnEventIsMomentarySoEachMatchingEventFires()
    {
        var customer = new CustomerUnderRules(Set(
            Rule("""{"all":[{"event":"complaint"},{"fact":"churn.probability","above":0.5}]}""")));
        customer.Facts["churn.probability"] = 0.8;

        Assert.Single(customer.Evaluate(eventKind: "complaint"));
        Assert.Single(customer.Evaluate(eventKind: "complaint"));
        Assert.Empty(customer.Evaluate(eventKind: "page-view"));
        Assert.Empty(customer.Evaluate());
        customer.Facts["churn.probability"] = 0.2;
        Assert.Empty(customer.Evaluate(eventKind: "complaint"));
        Assert.Equal(2, customer.State("r1").Sequence);
    }

    [Fact]
    public void ALevelConditionBesideAnEventInAnyStaysEdgeTriggered()
    {
        var customer = new CustomerUnderRules(Set(Rule("""{"any":[{"event":"complaint"},{"fact":"churn.probability","above":0.7}]}""")));

        Assert.Equal(["r1"], customer.Step("churn.probability", 0.8));
        Assert.Empty(customer.Evaluate(eventKind: "complaint"));
        Assert.Empty(customer.Step("churn.probability", 0.5));
        Assert.Single(customer.Evaluate(eventKind: "complaint"));
    }

    [Fact]
    public void ATrueRuleInCooldownStaysArmedAndFiresWhenTheCooldownHasPassed()
    {
        var customer = new CustomerUnderRules(Set(Rule(ChurnAbove, """{"cooldown":"7d"}""")));

        Assert.Equal(["r1"], customer.Step("churn.probability", 0.8, Start));
        Assert.Empty(customer.Step("churn.probability", 0.5, Start.AddDays(1)));
        Assert.Empty(customer.Step("churn.probability", 0.8, Start.AddDays(2)));
        Assert.True(customer.State("r1").Armed);
        Assert.Empty(customer.Evaluate(Start.AddDays(7).AddTicks(-1)));
        Assert.Single(customer.Evaluate(Start.AddDays(7)));
        Assert.Empty(customer.Evaluate(Start.AddDays(8)));
    }

    [Fact]
    public void ACapAllowsItsCountPerWindowAndANewWindowOpensAtTheNextFiring()
    {
        var customer = new CustomerUnderRules(Set(Rule("""{"event":"complaint"}""", """{"cap":{"count":2,"period":"7d"}}""")));

        Assert.Single(customer.Evaluate(Start, "complaint"));
        Assert.Single(customer.Evaluate(Start.AddDays(1), "complaint"));
        Assert.Empty(customer.Evaluate(Start.AddDays(2), "complaint"));
        Assert.Empty(customer.Evaluate(Start.AddDays(6.9), "complaint"));
        Assert.Equal(2, customer.State("r1").CapWindowFirings);

        Assert.Single(customer.Evaluate(Start.AddDays(7), "complaint"));
        Assert.Equal(Start.AddDays(7), customer.State("r1").CapWindowStart);
        Assert.Equal(1, customer.State("r1").CapWindowFirings);
        Assert.Single(customer.Evaluate(Start.AddDays(8), "complaint"));
        Assert.Empty(customer.Evaluate(Start.AddDays(9), "complaint"));
        Assert.Equal(4, customer.State("r1").Sequence);
    }

    [Fact]
    public void WithoutConsentMarketingRulesNeitherFireNorChangeButServiceRulesDo()
    {
        var customer = new CustomerUnderRules(Set(
            Rule(ChurnAbove, id: "offer"),
            Rule(ChurnAbove, id: "care", category: "service")));
        customer.Facts.MarketingConsent = false;

        Assert.Equal(["care"], customer.Step("churn.probability", 0.8));
        Assert.Equal(default, customer.State("offer"));

        customer.Facts.MarketingConsent = true;
        Assert.Equal(["offer"], customer.Evaluate().Select(f => f.RuleId));
    }

    [Fact]
    public void OnlyTheHighestPriorityOfAGroupFiresAndTheOthersSpendTheirCrossing()
    {
        var customer = new CustomerUnderRules(Set(
            Rule(ChurnAbove, """{"priority":5,"group":"retention"}""", id: "standard-offer"),
            Rule(ChurnAbove, """{"priority":10,"group":"retention"}""", id: "premium-offer"),
            Rule(ChurnAbove, """{"priority":10,"group":"retention"}""", id: "z-premium-offer"),
            Rule(ChurnAbove, """{"priority":1}""", id: "care-call", category: "service"),
            Rule(ChurnAbove, """{"priority":20}""", id: "alert")));

        var fired = customer.Step("churn.probability", 0.8);

        Assert.Equal(["alert", "premium-offer", "care-call"], fired);
        Assert.False(customer.State("standard-offer").Armed);
        Assert.Equal(0, customer.State("standard-offer").Sequence);
        Assert.Null(customer.State("standard-offer").LastFiredAt);
        Assert.Empty(customer.Step("churn.probability", 0.85));
    }

    [Fact]
    public void AGroupWinnerHeldByItsCooldownLeavesTheGroupToTheNext()
    {
        var customer = new CustomerUnderRules(Set(
            Rule("""{"event":"complaint"}""", """{"priority":10,"group":"apology","cooldown":"30d"}""", id: "voucher"),
            Rule("""{"event":"complaint"}""", """{"priority":5,"group":"apology"}""", id: "letter")));

        Assert.Equal(["voucher"], customer.Evaluate(Start, "complaint").Select(f => f.RuleId));
        Assert.Equal(["letter"], customer.Evaluate(Start.AddDays(1), "complaint").Select(f => f.RuleId));
    }

    [Fact]
    public void TheWhyNamesTheLeavesThatMadeTheRuleTrue()
    {
        var customer = new CustomerUnderRules(Set(Rule("""
            {"all":[
              {"fact":"churn.probability","above":0.7,"rearmBelow":0.6},
              {"any":[{"fact":"clv.value","above":500},{"fact":"kind.complaint.count.7d","atLeast":3}]}]}
            """)));
        customer.With("clv.value", 812).With("kind.complaint.count.7d", 1);

        Assert.Empty(customer.Evaluate());
        var firing = Assert.Single(Fire(customer, 0.74));

        Assert.Equal("churn.probability 0.74 above 0.7; clv.value 812 above 500", firing.Why);
        Assert.Equal(2, firing.Reasons.Count);
        Assert.Equal(new TriggerReason("churn.probability", "above", 0.74, 0.7, null, "churn.probability 0.74 above 0.7"), firing.Reasons[0]);
        Assert.Equal(("clv.value", 812.0, 500.0), (firing.Reasons[1].Subject, firing.Reasons[1].Value, firing.Reasons[1].Threshold));
        Assert.Equal(("r1", 0L, "c-1", Start, TriggerCategory.Marketing), (firing.RuleId, firing.RuleVersion, firing.CustomerId, firing.At, firing.Category));
    }

    [Fact]
    public void NegatedAndNonNumericConditionsExplainThemselvesInWords()
    {
        var customer = new CustomerUnderRules(Set(Rule("""
            {"all":[
              {"not":{"event":"page-view"}},
              {"not":{"any":[{"segment":"in","ids":[0]},{"fact":"clv.pAlive","between":[0.2,0.4]}]}},
              {"attribute":"Contract","in":["Month-to-month","One year"]},
              {"segmentMove":{"to":3}},
              {"inactiveFor":"30d"}]}
            """)));
        customer.With("clv.pAlive", 0.9);
        customer.Facts.Attributes = new Dictionary<string, string> { ["Contract"] = "Month-to-month" };
        customer.Facts.Segment = 3;
        customer.Facts.PreviousSegment = 1;
        customer.Facts.LastSeen = Start.AddDays(-31).AddHours(-5);

        var firing = Assert.Single(customer.Evaluate());

        Assert.Equal(
            [
                "no event, not page-view",
                "segment 3, not one of 0",
                "clv.pAlive 0.9 not between 0.2 and 0.4",
                "Contract is Month-to-month, one of Month-to-month, One year",
                "moved from segment 1 to 3",
                "inactive for 31d, at least 30d",
            ],
            firing.Reasons.Select(r => r.Text));
        Assert.Equal(["is not", "notIn", "not between", "in", "moved", "atLeast"], firing.Reasons.Select(r => r.Comparison));
    }

    [Fact]
    public void TheIdempotencyKeyIsTheSameForAReplayedFiringAndDistinctPerSequence()
    {
        var rules = Set(Rule("""{"event":"complaint"}""", """{"version":3}"""));
        var customer = new CustomerUnderRules(rules, "c|42");
        var before = (TriggerState[])customer.States.Clone();

        var first = Assert.Single(customer.Evaluate(Start, "complaint"));
        customer.States = (TriggerState[])before.Clone();
        var replayed = Assert.Single(customer.Evaluate(Start, "complaint"));
        var second = Assert.Single(customer.Evaluate(Start.AddMinutes(1), "complaint"));

        Assert.Equal(first.IdempotencyKey, replayed.IdempotencyKey);
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));

        // The definition, computed here independently: SHA-256 of "ruleId|version|customerId|sequence", first 16 bytes in hex.
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("r1|3|c|42|2")))[..32].ToLowerInvariant();
        Assert.Equal(expected, second.IdempotencyKey);
        Assert.NotEqual(TriggerFiring.KeyFor("r1", 4, "c|42", 2), second.IdempotencyKey);
    }

    [Fact]
    public void ASegmentMoveFiresOncePerMove()
    {
        var customer = new CustomerUnderRules(Set(Rule("""{"segmentMove":{"from":1,"to":3}}""")));
        customer.Facts.Segment = 1;

        Assert.Empty(customer.Evaluate());
        (customer.Facts.PreviousSegment, customer.Facts.Segment) = (1, 3);
        Assert.Single(customer.Evaluate());
        Assert.Empty(customer.Evaluate());
        (customer.Facts.PreviousSegment, customer.Facts.Segment) = (3, 1);
        Assert.Empty(customer.Evaluate());
        (customer.Facts.PreviousSegment, customer.Facts.Segment) = (1, 3);
        Assert.Single(customer.Evaluate());
    }

    [Fact]
    public void AttributesAndSegmentsAreUnknownUntilTheCustomerHasThem()
    {
        var customer = new CustomerUnderRules(Set(
            Rule("""{"not":{"attribute":"Contract","equals":"Two year"}}""", id: "short-contract"),
            Rule("""{"segment":"notIn","ids":[0]}""", id: "not-champions")));

        Assert.Empty(customer.Evaluate());
        customer.Facts.Attributes = new Dictionary<string, string> { ["Contract"] = "Month-to-month" };
        customer.Facts.Segment = 2;
        Assert.Equal(["not-champions", "short-contract"], customer.Evaluate().Select(f => f.RuleId));
    }

    [Fact]
    public void ADisabledRuleNeverFiresAndKeepsItsState()
    {
        var customer = new CustomerUnderRules(Set(Rule(ChurnAbove, """{"enabled":false}""")));

        Assert.Empty(customer.Step("churn.probability", 0.9));
        Assert.Equal(default, customer.State("r1"));
    }

    [Fact]
    public void StatesCarryOverToANewRuleSetByRuleId()
    {
        var old = Set(Rule(ChurnAbove, id: "a"), Rule(ChurnAbove, id: "b"));
        var customer = new CustomerUnderRules(old);
        Assert.Equal(["a", "b"], customer.Step("churn.probability", 0.9));

        var edited = Set(Rule(ChurnAbove, """{"version":2,"priority":9}""", id: "b"), Rule(ChurnAbove, id: "c"));
        var carried = edited.CarryOver(old.RuleIds, customer.States);

        Assert.Equal(["b", "c"], edited.RuleIds);
        Assert.Equal(customer.State("b"), carried[0]);
        Assert.Equal(default, carried[1]);
    }

    [Fact]
    public void TheSilosRateLimitHoldsAFiringBackUntilATokenIsThere()
    {
        var rules = Set(Rule(ChurnAbove, """{"rateLimit":4}""", category: "service"));
        var limiter = new TriggerRateLimiter(rules, silos: 2);
        var customers = Enumerable.Range(0, 3).Select(i => new CustomerUnderRules(rules, $"c-{i}") { RateLimiter = limiter }).ToArray();

        var fired = customers.Select(c => c.Step("churn.probability", 0.9).Length).ToArray();

        Assert.Equal(2.0, limiter.SiloRate(0));
        Assert.Equal([1, 1, 0], fired);
        Assert.True(customers[2].State("r1").Armed);
        Assert.Empty(customers[2].Evaluate(Start.AddSeconds(0.4)));
        Assert.Single(customers[2].Evaluate(Start.AddSeconds(0.6)));
    }

    [Fact]
    public void EvaluationRefusesStatesOrFactsThatDoNotBelongToTheSet()
    {
        var rules = Set(Rule(ChurnAbove));
        var facts = new CustomerFacts(rules.Schema) { CustomerId = "c-1" };

        Assert.Throws<ArgumentException>(() => rules.Evaluate(facts, new TriggerState[2], new List<TriggerFiring>()));
        Assert.Throws<ArgumentException>(() => rules.Evaluate(new CustomerFacts(new FactSchema(["churn.probability"])) { CustomerId = "c-1" }, rules.NewStates(), new List<TriggerFiring>()));
        Assert.Throws<ArgumentException>(() => rules.Evaluate(facts, rules.NewStates(), new List<TriggerFiring>(), new TriggerRateLimiter(Set(Rule(ChurnAbove)), 1)));
    }

    private static List<TriggerFiring> Fire(CustomerUnderRules customer, double churn)
    {
        customer.Facts["churn.probability"] = churn;
        return customer.Evaluate();
    }
}
