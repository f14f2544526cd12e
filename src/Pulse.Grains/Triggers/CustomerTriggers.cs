using Pulse.Analytics.Triggers;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Triggers.Registry;

namespace Pulse.Grains.Triggers;

/// <summary>
/// One customer's side of the trigger rules: the facts it shows them (filled once per evaluation and reused),
/// its state per rule, kept aligned with the silo's current rule set by rule id.
/// </summary>
public sealed class CustomerTriggers
{
    private readonly List<TriggerFiring> _fired = [];
    private TriggerState[] _states = [];
    private TriggerState[] _before = [];
    private IReadOnlyList<string> _ruleIds = [];
    private CompiledRuleSet? _rules;

    public CustomerFacts Facts { get; } = new(CustomerFactSchema.Schema);

    /// <summary>True when a state changed since <see cref="Save"/>: the checkpoint must be written.</summary>
    public bool Changed { get; private set; }

    public void Restore(IReadOnlyList<StoredTriggerState>? stored)
    {
        stored ??= [];
        _ruleIds = [.. stored.Select(s => s.RuleId)];
        _states = [.. stored.Select(s => new TriggerState
        {
            Armed = s.Armed,
            LastFiredAt = s.LastFiredAt,
            CapWindowStart = s.CapWindowStart,
            CapWindowFirings = s.CapWindowFirings,
            Sequence = s.Sequence,
        })];
        _rules = null;
        Changed = false;
    }

    /// <summary>The states worth keeping (not fresh), for the checkpoint.</summary>
    public List<StoredTriggerState> Save()
    {
        Changed = false;
        var stored = new List<StoredTriggerState>();
        for (var i = 0; i < _states.Length; i++)
        {
            var s = _states[i];
            if (s != default)
            {
                stored.Add(new StoredTriggerState(_ruleIds[i], s.Armed, s.LastFiredAt, s.CapWindowStart, s.CapWindowFirings, s.Sequence));
            }
        }

        return stored;
    }

    /// <summary>
    /// Evaluates the rules on <see cref="Facts"/> (filled by the caller for this moment) as caused by an event of
    /// kind <paramref name="eventKind"/> (null: a timer or a re-score). The list returned is reused by the next call.
    /// </summary>
    public IReadOnlyList<TriggerFiring> Evaluate(TriggerRuleSnapshot snapshot, string? eventKind)
    {
        Align(snapshot.Rules);
        Facts.EventKind = eventKind;
        _fired.Clear();
        _states.CopyTo(_before, 0);
        snapshot.Rules.Evaluate(Facts, _states, _fired, snapshot.RateLimiter);
        Changed |= !_states.AsSpan().SequenceEqual(_before);
        return _fired;
    }

    /// <summary>When a rule could next fire with no event (inactivity, a held rule's hold ending), after an <see cref="Evaluate"/> with the same facts.</summary>
    public DateTimeOffset? NextDue(TriggerRuleSnapshot snapshot)
    {
        Align(snapshot.Rules);
        Facts.EventKind = null;
        return snapshot.Rules.NextDue(Facts, _states);
    }

    /// <summary>A firing as webhooks, the feed and the history see it.</summary>
    public static FiredTrigger ToFired(TriggerFiring firing, string? eventId, string? eventKind) => new(
        firing.IdempotencyKey,
        firing.RuleId,
        firing.RuleVersion,
        firing.CustomerId,
        firing.At,
        firing.Sequence,
        firing.Category == TriggerCategory.Marketing ? "marketing" : "service",
        firing.Priority,
        firing.Why,
        [.. firing.Reasons.Select(r => new FiredTriggerReason(r.Subject, r.Comparison, r.Value, r.Threshold, r.UpperThreshold, r.Text))],
        eventId,
        eventKind);

    private void Align(CompiledRuleSet rules)
    {
        if (ReferenceEquals(rules, _rules))
        {
            return;
        }

        // A new set (a rule added, edited or removed): states follow their rule ids.
        var carried = rules.CarryOver(_ruleIds, _states);
        Changed |= carried.Length != _states.Length;
        (_states, _before, _ruleIds, _rules) = (carried, new TriggerState[carried.Length], rules.RuleIds, rules);
    }
}
