namespace Pulse.Analytics.Triggers;

/// <summary>
/// A marketer's rule: when <see cref="When"/> becomes true for a customer, fire once (edge-triggered, see
/// docs/triggers.md), subject to consent, cooldown, cap, the rule's global rate and its group. Written as
/// JSON (<see cref="TriggerRuleJson"/>), checked by <see cref="TriggerRuleValidator"/>, evaluated by a
/// <see cref="CompiledRuleSet"/>.
/// </summary>
public sealed record TriggerRule
{
    /// <summary>Stable identity: letters, digits, '.', '_' or '-', at most 100. States are kept per id.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>A disabled rule is kept (with its customers' states) but never evaluated.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Assigned by the rule registry on each change; part of every firing and its idempotency key.</summary>
    public long Version { get; init; }

    /// <summary>Higher first: the order of firings, and the winner within a <see cref="Group"/>.</summary>
    public int Priority { get; init; }

    public required TriggerCategory Category { get; init; }

    public required TriggerCondition When { get; init; }

    /// <summary>Least time between two firings for one customer.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>Most firings per customer per period.</summary>
    public TriggerCap? Cap { get; init; }

    /// <summary>Most firings per second of this rule across all customers (the cluster's budget).</summary>
    public double? RateLimit { get; init; }

    /// <summary>Of the rules of one group that fire in one evaluation, only the highest priority fires (ties: lowest id).</summary>
    public string? Group { get; init; }

    public IReadOnlyList<TriggerWebhook> Webhooks { get; init; } = [];
}
