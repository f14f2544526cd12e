namespace Pulse.Analytics.Triggers;

/// <summary>
/// One silo's share of the rules' global rates: for each rule with a <see cref="TriggerRule.RateLimit"/> of r
/// firings per second, a <see cref="TokenBucket"/> of r / silos per second holding at most one second of that
/// (and at least one token). The silos never talk about it, so the cluster stays within the limit (plus
/// one second's burst per silo) however the customers are spread; a silo with more than its share of
/// eager customers is held back while another's budget goes unused. Rebuild it when the rule set or the
/// number of silos changes.
/// </summary>
public sealed class TriggerRateLimiter
{
    private readonly TokenBucket?[] _buckets;

    public TriggerRateLimiter(CompiledRuleSet rules, int silos)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(silos);
        Rules = rules;
        Silos = silos;
        _buckets = [.. rules.Rules.Select(r => r.RateLimit is { } limit ? new TokenBucket(limit / silos, Math.Max(1, limit / silos)) : null)];
    }

    public CompiledRuleSet Rules { get; }

    public int Silos { get; }

    /// <summary>This silo's rate for the rule at <paramref name="ruleIndex"/> of <see cref="Rules"/>, or null when it has no limit.</summary>
    public double? SiloRate(int ruleIndex) => _buckets[ruleIndex]?.RatePerSecond;

    /// <summary>Spends one firing of the rule's budget at <paramref name="now"/>; always true for a rule without a limit.</summary>
    public bool TryTake(int ruleIndex, DateTimeOffset now) => _buckets[ruleIndex]?.TryTake(now) ?? true;
}
