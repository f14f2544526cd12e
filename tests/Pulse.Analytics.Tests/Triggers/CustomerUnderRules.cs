using Pulse.Analytics.Triggers;

namespace Pulse.Analytics.Tests.Triggers;

/// <summary>One customer stepped through changes, as the customer grain will: fill the facts, evaluate, keep the states.</summary>
internal sealed class CustomerUnderRules
{
    public CustomerUnderRules(CompiledRuleSet rules, string id = "c-1")
    {
        Rules = rules;
        Facts = new CustomerFacts(rules.Schema) { CustomerId = id, Now = TriggerTesting.Start, LastSeen = TriggerTesting.Start, MarketingConsent = true };
        States = rules.NewStates();
    }

    public CompiledRuleSet Rules { get; }

    public CustomerFacts Facts { get; }

    public TriggerState[] States { get; set; }

    public TriggerRateLimiter? RateLimiter { get; set; }

    public CustomerUnderRules With(string fact, double value)
    {
        Facts[fact] = value;
        return this;
    }

    /// <summary>Evaluates at <paramref name="at"/> (default: the facts' current moment) for an event or none; the ids of what fired.</summary>
    public List<TriggerFiring> Evaluate(DateTimeOffset? at = null, string? eventKind = null)
    {
        Facts.Now = at ?? Facts.Now;
        Facts.EventKind = eventKind;
        if (eventKind is not null)
        {
            Facts.LastSeen = Facts.Now;
        }

        var firings = new List<TriggerFiring>();
        Rules.Evaluate(Facts, States, firings, RateLimiter);
        return firings;
    }

    /// <summary>Sets a fact and evaluates with no event; the ids of the rules that fired.</summary>
    public string[] Step(string fact, double value, DateTimeOffset? at = null)
    {
        Facts[fact] = value;
        return [.. Evaluate(at).Select(f => f.RuleId)];
    }

    public TriggerState State(string ruleId) => States[Rules.IndexOf(ruleId)];
}
