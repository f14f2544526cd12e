using System.Collections.Frozen;
using System.Globalization;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// A set of valid rules made ready to evaluate, once per silo and shared by every customer (it is
/// immutable). On each change the customer fills its <see cref="CustomerFacts"/> and calls
/// <see cref="Evaluate"/> with its states; after that, <see cref="NextDue"/> says when to wake if nothing
/// happens. Rules are held in evaluation order: priority descending, then id.
/// </summary>
/// <remarks>
/// Each rule is edge-triggered with hysteresis: it fires when armed and its condition is true with the
/// entering thresholds, then disarms; it re-arms when the condition is false with the re-arm thresholds
/// (the widened band), so oscillating inside the band never fires twice. Conditions are three-valued: an
/// unknown fact makes a comparison unknown, which never fires a rule and never re-arms one. An event is
/// momentary: the re-arm check runs as if no event were happening. A rule that is true but held by its
/// cooldown, cap or rate stays armed and fires at a later evaluation if still true; a rule that loses to a
/// higher priority of its group is disarmed as if it had fired (its crossing is spent) without counting
/// toward its cooldown or cap. Marketing rules are skipped, state untouched, without consent.
/// </remarks>
public sealed class CompiledRuleSet
{
    private const int StackGroups = 256;

    private readonly CompiledRule[] _rules;
    private readonly CompiledNode[] _nodes;
    private readonly FrozenDictionary<string, int> _indexes;
    private readonly int _groupCount;

    private CompiledRuleSet(FactSchema schema, TriggerRule[] rules, CompiledRule[] compiled, CompiledNode[] nodes, int groupCount)
    {
        Schema = schema;
        Rules = rules;
        RuleIds = [.. rules.Select(r => r.Id)];
        _rules = compiled;
        _nodes = nodes;
        _groupCount = groupCount;
        _indexes = rules.Select((r, i) => (r.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
    }

    public FactSchema Schema { get; }

    /// <summary>The rules in evaluation order; a customer's states are aligned with this list.</summary>
    public IReadOnlyList<TriggerRule> Rules { get; }

    /// <summary>The rules' ids in evaluation order: what a customer stores beside its states, for <see cref="CarryOver"/>.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>Validates and compiles; throws <see cref="ArgumentException"/> listing every error of every rule, and duplicate ids.</summary>
    public static CompiledRuleSet Compile(IEnumerable<TriggerRule> rules, FactSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(schema);
        var list = rules.ToArray();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in list)
        {
            if (rule is null)
            {
                problems.Add("a rule is null");
                continue;
            }

            problems.AddRange(TriggerRuleValidator.Validate(rule, schema).Select(e => $"rule '{rule.Id}': {e}"));
            if (rule.Id is not null && !ids.Add(rule.Id))
            {
                problems.Add($"rule '{rule.Id}': the id is used twice");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The rules are not valid: " + string.Join("; ", problems), nameof(rules));
        }

        var ordered = list.OrderByDescending(r => r.Priority).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<CompiledNode>();
        var compiled = new CompiledRule[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var rule = ordered[i];
            var root = nodes.Count;
            Emit(rule.When, schema, nodes);
            compiled[i] = new CompiledRule(
                root,
                rule.Enabled,
                rule.Category == TriggerCategory.Marketing,
                rule.Cooldown?.Ticks ?? 0,
                rule.Cap?.Count ?? 0,
                rule.Cap?.Period.Ticks ?? 0,
                rule.Group is null ? -1 : groups.TryGetValue(rule.Group, out var g) ? g : groups[rule.Group] = groups.Count,
                nodes.Skip(root).Any(n => n.Kind == NodeKind.Inactivity));
        }

        return new CompiledRuleSet(schema, ordered, compiled, [.. nodes], groups.Count);
    }

    /// <summary>The position of a rule in <see cref="Rules"/>, or −1.</summary>
    public int IndexOf(string ruleId) => _indexes.TryGetValue(ruleId, out var index) ? index : -1;

    /// <summary>Fresh states (armed, never fired) for a customer new to this set.</summary>
    public TriggerState[] NewStates() => new TriggerState[_rules.Length];

    /// <summary>
    /// States for this set from a customer's states under an earlier one (<paramref name="ruleIds"/> aligned with
    /// <paramref name="states"/>): kept by rule id, so an edited rule keeps its cooldown, cap and sequence; new
    /// rules start fresh; removed rules are dropped.
    /// </summary>
    public TriggerState[] CarryOver(IReadOnlyList<string> ruleIds, ReadOnlySpan<TriggerState> states)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        if (ruleIds.Count != states.Length)
        {
            throw new ArgumentException($"{ruleIds.Count} rule ids for {states.Length} states.", nameof(states));
        }

        var carried = NewStates();
        for (var j = 0; j < ruleIds.Count; j++)
        {
            if (_indexes.TryGetValue(ruleIds[j], out var i))
            {
                carried[i] = states[j];
            }
        }

        return carried;
    }

    /// <summary>
    /// Evaluates every rule for one customer at <see cref="CustomerFacts.Now"/>, updating
    /// <paramref name="states"/> (aligned with <see cref="Rules"/>) and adding what fires to
    /// <paramref name="firings"/> in priority order. Allocates nothing unless a rule fires. With a
    /// <paramref name="rateLimiter"/> (the silo's, built for this set), a firing with no token left does not
    /// happen and its rule stays armed.
    /// </summary>
    /// <returns>The number of firings added.</returns>
    public int Evaluate(CustomerFacts facts, Span<TriggerState> states, ICollection<TriggerFiring> firings, TriggerRateLimiter? rateLimiter = null)
    {
        Check(facts, states.Length);
        ArgumentNullException.ThrowIfNull(firings);
        if (rateLimiter is not null && !ReferenceEquals(rateLimiter.Rules, this))
        {
            throw new ArgumentException("The rate limiter was built for another rule set.", nameof(rateLimiter));
        }

        var now = facts.Now.UtcTicks;
        Span<bool> groupTaken = _groupCount <= StackGroups ? stackalloc bool[_groupCount] : new bool[_groupCount];
        var fired = 0;
        for (var i = 0; i < _rules.Length; i++)
        {
            ref readonly var rule = ref _rules[i];
            if (!rule.Enabled || (rule.Marketing && !facts.MarketingConsent))
            {
                continue;
            }

            ref var state = ref states[i];
            if (!state.Armed)
            {
                if (Evaluate(rule.Root, facts, Pass.Rearm) != Truth.False)
                {
                    continue;
                }

                state.Armed = true;
            }

            if (Evaluate(rule.Root, facts, Pass.Entering) != Truth.True || BlockedUntil(rule, state) > now)
            {
                continue;
            }

            if (rule.Group >= 0 && groupTaken[rule.Group])
            {
                // A higher priority of the group fired: this crossing is spent, or the lesser offer would follow next time.
                state.Armed = false;
                continue;
            }

            if (rateLimiter is not null && !rateLimiter.TryTake(i, facts.Now))
            {
                continue;
            }

            if (rule.Group >= 0)
            {
                groupTaken[rule.Group] = true;
            }

            Fire(i, facts, ref state, firings);
            fired++;
        }

        return fired;
    }

    /// <summary>
    /// The next moment after <see cref="CustomerFacts.Now"/> at which a rule could fire for this customer with no
    /// new event: an <c>inactiveFor</c> coming due (last seen + duration), or the end of the cooldown or cap
    /// window of a rule that is true and armed but held. Null when nothing is due. Scores that drift with time
    /// (P(alive)) are not foreseen here: the customer's periodic re-score evaluates them.
    /// </summary>
    public DateTimeOffset? NextDue(CustomerFacts facts, ReadOnlySpan<TriggerState> states)
    {
        Check(facts, states.Length);
        var now = facts.Now.UtcTicks;
        var next = long.MaxValue;
        for (var i = 0; i < _rules.Length; i++)
        {
            ref readonly var rule = ref _rules[i];
            if (!rule.Enabled || (rule.Marketing && !facts.MarketingConsent))
            {
                continue;
            }

            if (rule.HasInactivity && facts.LastSeen is { } seen)
            {
                for (var n = rule.Root; n < _nodes[rule.Root].End; n++)
                {
                    if (_nodes[n].Kind == NodeKind.Inactivity)
                    {
                        var due = seen.UtcTicks + _nodes[n].Ticks;
                        if (due > now && due < next)
                        {
                            next = due;
                        }
                    }
                }
            }

            if (states[i].Armed)
            {
                var until = BlockedUntil(rule, states[i]);
                if (until > now && until < next && Evaluate(rule.Root, facts, Pass.Timer) == Truth.True)
                {
                    next = until;
                }
            }
        }

        return next == long.MaxValue ? null : new DateTimeOffset(next, TimeSpan.Zero);
    }

    private void Check(CustomerFacts facts, int states)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!ReferenceEquals(facts.Schema, Schema))
        {
            throw new ArgumentException("The facts were built for another schema.", nameof(facts));
        }

        if (states != _rules.Length)
        {
            throw new ArgumentException($"{states} states for {_rules.Length} rules; states are aligned with Rules (see CarryOver).", nameof(states));
        }

        ArgumentException.ThrowIfNullOrEmpty(facts.CustomerId, nameof(facts));
    }

    // The end of whatever holds a true rule back (cooldown, full cap window); the rule is held while it is after now.
    private static long BlockedUntil(in CompiledRule rule, in TriggerState state)
    {
        var until = long.MinValue;
        if (rule.CooldownTicks > 0 && state.LastFiredAt is { } fired)
        {
            until = fired.UtcTicks + rule.CooldownTicks;
        }

        if (rule.CapCount > 0 && state.CapWindowStart is { } start && state.CapWindowFirings >= rule.CapCount)
        {
            until = Math.Max(until, start.UtcTicks + rule.CapPeriodTicks);
        }

        return until;
    }

    private void Fire(int index, CustomerFacts facts, ref TriggerState state, ICollection<TriggerFiring> firings)
    {
        ref readonly var compiled = ref _rules[index];
        var rule = Rules[index];
        state.Armed = false;
        state.LastFiredAt = facts.Now;
        if (compiled.CapCount > 0)
        {
            if (state.CapWindowStart is { } start && facts.Now.UtcTicks < start.UtcTicks + compiled.CapPeriodTicks)
            {
                state.CapWindowFirings++;
            }
            else
            {
                state.CapWindowStart = facts.Now;
                state.CapWindowFirings = 1;
            }
        }

        state.Sequence++;
        var reasons = new List<TriggerReason>();
        Explain(compiled.Root, facts, false, reasons);
        firings.Add(new TriggerFiring(
            rule.Id,
            rule.Version,
            facts.CustomerId,
            facts.Now,
            state.Sequence,
            TriggerFiring.KeyFor(rule.Id, rule.Version, facts.CustomerId, state.Sequence),
            rule.Category,
            rule.Priority,
            reasons,
            string.Join("; ", reasons.Select(r => r.Text))));
    }

    private Truth Evaluate(int at, CustomerFacts facts, Pass pass)
    {
        ref readonly var node = ref _nodes[at];
        switch (node.Kind)
        {
            case NodeKind.All:
                {
                    var result = Truth.True;
                    for (var child = at + 1; child < node.End; child = _nodes[child].End)
                    {
                        var t = Evaluate(child, facts, pass);
                        if (t == Truth.False)
                        {
                            return Truth.False;
                        }

                        result = t < result ? t : result;
                    }

                    return result;
                }

            case NodeKind.Any:
                {
                    var result = Truth.False;
                    for (var child = at + 1; child < node.End; child = _nodes[child].End)
                    {
                        var t = Evaluate(child, facts, pass);
                        if (t == Truth.True)
                        {
                            return Truth.True;
                        }

                        result = t > result ? t : result;
                    }

                    return result;
                }

            case NodeKind.Not:
                // Through a negation the widest reading of the whole is the narrowest of the part.
                return (Truth)(2 - (int)Evaluate(at + 1, facts, (pass & Pass.Rearming) != 0 ? pass ^ Pass.Widen : pass));
            case NodeKind.Fact:
                {
                    var value = facts.Values[node.Fact];
                    if (double.IsNaN(value))
                    {
                        return Truth.Unknown;
                    }

                    return (pass & Pass.Widen) != 0
                        ? Of(Compare(value, node.WidenedComparison, node.WidenedThreshold))
                        : Of(Compare(value, node.Comparison, node.Threshold));
                }

            case NodeKind.Between:
                {
                    var value = facts.Values[node.Fact];
                    return double.IsNaN(value) ? Truth.Unknown : Of(value >= node.Threshold && value <= node.High);
                }

            case NodeKind.Event:
                return Of((pass & Pass.Event) != 0 && string.Equals(facts.EventKind, node.Name, StringComparison.Ordinal));
            case NodeKind.Attribute:
                return facts.Attributes.TryGetValue(node.Name!, out var attribute) ? Of(Array.IndexOf(node.Values!, attribute) >= 0) : Truth.Unknown;
            case NodeKind.SegmentIn:
                return facts.Segment is { } inSegment ? Of(Array.IndexOf(node.Ids!, inSegment) >= 0) : Truth.Unknown;
            case NodeKind.SegmentNotIn:
                return facts.Segment is { } outSegment ? Of(Array.IndexOf(node.Ids!, outSegment) < 0) : Truth.Unknown;
            case NodeKind.SegmentMove:
                {
                    if (facts.Segment is not { } segment)
                    {
                        return Truth.Unknown;
                    }

                    return Of(facts.PreviousSegment is { } previous && previous != segment
                        && (node.From < 0 || node.From == previous) && (node.To < 0 || node.To == segment));
                }

            default:
                return facts.LastSeen is { } seen ? Of(facts.Now.UtcTicks - seen.UtcTicks >= node.Ticks) : Truth.Unknown;
        }
    }

    private static bool Compare(double value, FactComparison comparison, double threshold) => comparison switch
    {
        FactComparison.Above => value > threshold,
        FactComparison.AtLeast => value >= threshold,
        FactComparison.Below => value < threshold,
        _ => value <= threshold,
    };

    private static Truth Of(bool value) => value ? Truth.True : Truth.False;

    // The leaves that made a node true (negated: false): every child of an 'all', the true children of an 'any'.
    private void Explain(int at, CustomerFacts facts, bool negated, List<TriggerReason> reasons)
    {
        ref readonly var node = ref _nodes[at];
        switch (node.Kind)
        {
            case NodeKind.All or NodeKind.Any:
                {
                    // A true 'all' and a false 'any' hold through every child; the others through the children that agree with them.
                    var every = (node.Kind == NodeKind.All) != negated;
                    var wanted = negated ? Truth.False : Truth.True;
                    for (var child = at + 1; child < node.End; child = _nodes[child].End)
                    {
                        if (every || Evaluate(child, facts, Pass.Entering) == wanted)
                        {
                            Explain(child, facts, negated, reasons);
                        }
                    }

                    break;
                }

            case NodeKind.Not:
                Explain(at + 1, facts, !negated, reasons);
                break;
            default:
                reasons.Add(Reason(node, facts, negated));
                break;
        }
    }

    private TriggerReason Reason(in CompiledNode node, CustomerFacts facts, bool negated)
    {
        var not = negated ? "not " : "";
        switch (node.Kind)
        {
            case NodeKind.Fact:
                {
                    var fact = Schema.Names[node.Fact];
                    var value = facts.Values[node.Fact];
                    return new(fact, not + TriggerRuleJson.NameOf(node.Comparison), value, node.Threshold, null,
                        $"{fact} {Figure(value)} {not}{Words(node.Comparison)} {TriggerRuleValidator.Number(node.Threshold)}");
                }

            case NodeKind.Between:
                {
                    var fact = Schema.Names[node.Fact];
                    var value = facts.Values[node.Fact];
                    return new(fact, not + "between", value, node.Threshold, node.High,
                        $"{fact} {Figure(value)} {not}between {TriggerRuleValidator.Number(node.Threshold)} and {TriggerRuleValidator.Number(node.High)}");
                }

            case NodeKind.Event:
                return new("event", negated ? "is not" : "is", null, null, null,
                    !negated ? $"event {node.Name}" : facts.EventKind is null ? $"no event, not {node.Name}" : $"event {facts.EventKind}, not {node.Name}");
            case NodeKind.Attribute:
                {
                    var actual = facts.Attributes[node.Name!];
                    var expected = node.IsList ? "one of " + string.Join(", ", node.Values!) : node.Values![0];
                    var text = negated ? $"{node.Name} is {actual}, not {expected}"
                        : node.IsList ? $"{node.Name} is {actual}, {expected}"
                        : $"{node.Name} is {actual}";
                    return new(node.Name!, not + (node.IsList ? "in" : "equals"), null, null, null, text);
                }

            case NodeKind.SegmentIn or NodeKind.SegmentNotIn:
                {
                    var member = (node.Kind == NodeKind.SegmentIn) != negated;
                    return new("segment", member ? "in" : "notIn", null, null, null,
                        $"segment {facts.Segment}, {(member ? "" : "not ")}one of {string.Join(", ", node.Ids!)}");
                }

            case NodeKind.SegmentMove:
                {
                    bool anyFrom = node.From < 0, anyTo = node.To < 0;
                    var wanted = (anyFrom, anyTo) switch
                    {
                        (true, true) => "any move",
                        (true, false) => $"a move to {node.To}",
                        (false, true) => $"a move from {node.From}",
                        _ => $"a move from {node.From} to {node.To}",
                    };
                    var text = !negated ? $"moved from segment {facts.PreviousSegment} to {facts.Segment}"
                        : facts.PreviousSegment is null || facts.PreviousSegment == facts.Segment ? $"in segment {facts.Segment}, never moved, not {wanted}"
                        : $"latest move from segment {facts.PreviousSegment} to {facts.Segment}, not {wanted}";
                    return new("segmentMove", not + "moved", null, null, null, text);
                }

            default:
                {
                    var since = TriggerDuration.Approximate(facts.Now - facts.LastSeen!.Value);
                    var duration = TriggerDuration.Format(TimeSpan.FromTicks(node.Ticks));
                    return new("inactiveFor", not + "atLeast", null, null, null,
                        negated ? $"seen {since} ago, within {duration}" : $"inactive for {since}, at least {duration}");
                }
        }
    }

    private static string Words(FactComparison comparison) => comparison switch
    {
        FactComparison.Above => "above",
        FactComparison.AtLeast => "at least",
        FactComparison.Below => "below",
        _ => "at most",
    };

    // A value as a person reads it: four significant digits, whole numbers from 10,000.
    private static string Figure(double value) =>
        value.ToString(Math.Abs(value) >= 10_000 ? "F0" : "G4", CultureInfo.InvariantCulture);

    private static void Emit(TriggerCondition condition, FactSchema schema, List<CompiledNode> nodes)
    {
        var at = nodes.Count;
        nodes.Add(default);
        var node = new CompiledNode { Fact = -1, From = -1, To = -1 };
        switch (condition)
        {
            case AllCondition all:
                node.Kind = NodeKind.All;
                foreach (var child in all.Conditions)
                {
                    Emit(child, schema, nodes);
                }

                break;
            case AnyCondition any:
                node.Kind = NodeKind.Any;
                foreach (var child in any.Conditions)
                {
                    Emit(child, schema, nodes);
                }

                break;
            case NotCondition not:
                node.Kind = NodeKind.Not;
                Emit(not.Condition, schema, nodes);
                break;
            case FactCondition fact:
                node.Kind = NodeKind.Fact;
                node.Fact = schema.IndexOf(fact.Fact);
                node.Comparison = fact.Comparison;
                node.Threshold = fact.Threshold;
                node.WidenedComparison = fact.Rearm is null ? fact.Comparison
                    : fact.Comparison is FactComparison.Above or FactComparison.AtLeast ? FactComparison.AtLeast : FactComparison.AtMost;
                node.WidenedThreshold = fact.Rearm ?? fact.Threshold;
                break;
            case FactBetweenCondition between:
                node.Kind = NodeKind.Between;
                node.Fact = schema.IndexOf(between.Fact);
                node.Threshold = between.Low;
                node.High = between.High;
                break;
            case EventCondition e:
                node.Kind = NodeKind.Event;
                node.Name = e.Kind;
                break;
            case AttributeCondition attribute:
                node.Kind = NodeKind.Attribute;
                node.Name = attribute.Attribute;
                node.Values = attribute.OneOf is { } values ? [.. values] : [attribute.Value!];
                node.IsList = attribute.OneOf is not null;
                break;
            case SegmentCondition segment:
                node.Kind = segment.Membership == SegmentMembership.In ? NodeKind.SegmentIn : NodeKind.SegmentNotIn;
                node.Ids = [.. segment.Ids];
                break;
            case SegmentMoveCondition move:
                node.Kind = NodeKind.SegmentMove;
                node.From = move.From ?? -1;
                node.To = move.To ?? -1;
                break;
            case InactivityCondition inactivity:
                node.Kind = NodeKind.Inactivity;
                node.Ticks = inactivity.Duration.Ticks;
                break;
            default:
                throw new ArgumentException($"'{condition.GetType().Name}' is not a rule condition.", nameof(condition));
        }

        node.End = nodes.Count;
        nodes[at] = node;
    }

    private enum Truth : byte
    {
        False,
        Unknown,
        True,
    }

    [Flags]
    private enum Pass
    {
        /// <summary>Between events, with the entering thresholds: what a timer sees.</summary>
        Timer = 0,

        /// <summary>Use the re-arm thresholds.</summary>
        Widen = 1,

        /// <summary>A re-arm check: under a negation the thresholds narrow instead.</summary>
        Rearming = 2,

        /// <summary>The evaluation's event is happening.</summary>
        Event = 4,

        Entering = Event,
        Rearm = Widen | Rearming,
    }

    private readonly record struct CompiledRule(
        int Root,
        bool Enabled,
        bool Marketing,
        long CooldownTicks,
        int CapCount,
        long CapPeriodTicks,
        int Group,
        bool HasInactivity);
}
