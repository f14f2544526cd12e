namespace Pulse.Analytics.Triggers;

/// <summary>
/// What one customer remembers of one rule between evaluations; the customer keeps one per rule, aligned
/// with <see cref="CompiledRuleSet.Rules"/>, and copies it into its persisted state. Plain properties only.
/// The default value is a fresh state: armed, never fired.
/// </summary>
public record struct TriggerState
{
    // Stored inverted so that default(TriggerState) is armed: a rule fires the first time a customer is seen meeting it.
    private bool _disarmed;

    /// <summary>
    /// False after a firing until the condition has been false with the re-arm thresholds (the band left);
    /// only an armed rule can fire.
    /// </summary>
    public bool Armed
    {
        readonly get => !_disarmed;
        set => _disarmed = !value;
    }

    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>When the current cap window opened (at a firing), or null before the first firing of a capped rule.</summary>
    public DateTimeOffset? CapWindowStart { get; set; }

    /// <summary>Firings since <see cref="CapWindowStart"/>.</summary>
    public int CapWindowFirings { get; set; }

    /// <summary>Firings of this rule for this customer so far; the latest firing's number, part of its idempotency key.</summary>
    public long Sequence { get; set; }
}
