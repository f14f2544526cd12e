using Pulse.Analytics.Triggers;
using static Pulse.Analytics.Tests.Triggers.TriggerTesting;

namespace Pulse.Analytics.Tests.Triggers;

public sealed class TriggerTimingTests
{
    [Fact]
    public void AnInactiveCustomerIsDueAtLastSeenPlusTheDurationAndFiresThen()
    {
        var rules = Set(Rule("""{"all":[{"inactiveFor":"30d"},{"fact":"clv.value","above":200}]}"""));
        var customer = new CustomerUnderRules(rules).With("clv.value", 800);
        var seen = Start.AddHours(3);

        Assert.Empty(customer.Evaluate(seen, "page-view"));
        Assert.Empty(customer.Evaluate(seen.AddDays(1)));
        var due = rules.NextDue(customer.Facts, customer.States);

        Assert.Equal(seen.AddDays(30), due);
        Assert.Empty(customer.Evaluate(due!.Value.AddTicks(-1)));
        var firing = Assert.Single(customer.Evaluate(due.Value));
        Assert.Equal("inactive for 30d, at least 30d; clv.value 800 above 200", firing.Why);

        // Fired and not seen since: nothing more is due until the customer comes back.
        Assert.Null(rules.NextDue(customer.Facts, customer.States));
        Assert.Empty(customer.Evaluate(due.Value.AddDays(1), "purchase"));
        Assert.Equal(due.Value.AddDays(31), rules.NextDue(customer.Facts, customer.States));
    }

    [Fact]
    public void ATrueRuleHeldByItsCooldownIsDueWhenTheCooldownEnds()
    {
        var rules = Set(Rule("""{"fact":"churn.probability","above":0.7}""", """{"cooldown":"12h"}"""));
        var customer = new CustomerUnderRules(rules);

        Assert.Single(Fire(customer, 0.8, Start));
        Assert.Null(rules.NextDue(customer.Facts, customer.States));
        Fire(customer, 0.5, Start.AddHours(1));
        Assert.Empty(Fire(customer, 0.9, Start.AddHours(2)));

        var due = rules.NextDue(customer.Facts, customer.States);

        Assert.Equal(Start.AddHours(12), due);
        Assert.Single(customer.Evaluate(due!.Value));
    }

    [Fact]
    public void AFullCapWindowIsDueWhenTheWindowCloses()
    {
        var rules = Set(Rule("""{"fact":"churn.probability","above":0.7}""", """{"cap":{"count":1,"period":"P1D"}}""", category: "service"));
        var customer = new CustomerUnderRules(rules);

        Assert.Single(Fire(customer, 0.8, Start));
        Fire(customer, 0.5, Start.AddHours(1));
        Assert.Empty(Fire(customer, 0.8, Start.AddHours(2)));

        Assert.Equal(Start.AddDays(1), rules.NextDue(customer.Facts, customer.States));
    }

    [Fact]
    public void NothingIsDueForAMomentaryOrUnconsentedRule()
    {
        var rules = Set(
            Rule("""{"event":"complaint"}""", """{"cooldown":"1d"}""", id: "apology"),
            Rule("""{"inactiveFor":"7d"}""", id: "win-back"));
        var customer = new CustomerUnderRules(rules);

        Assert.Equal(["apology"], customer.Evaluate(Start, "complaint").Select(f => f.RuleId));
        Assert.Empty(customer.Evaluate(Start.AddHours(1), "complaint"));
        Assert.Equal(Start.AddHours(1).AddDays(7), rules.NextDue(customer.Facts, customer.States));

        customer.Facts.MarketingConsent = false;
        Assert.Null(rules.NextDue(customer.Facts, customer.States));
    }

    private static List<TriggerFiring> Fire(CustomerUnderRules customer, double churn, DateTimeOffset at)
    {
        customer.Facts["churn.probability"] = churn;
        return customer.Evaluate(at);
    }
}
