namespace Pulse.Analytics.Triggers;

/// <summary>
/// One condition, flattened: a rule's conditions lie in prefix order in one array, each node's children
/// right after it and <see cref="End"/> just past its subtree, so evaluation walks an array of structs
/// (no virtual calls, no pointers to chase) and skips a subtree in one step.
/// </summary>
internal struct CompiledNode
{
    public NodeKind Kind;

    /// <summary>The index just past this node's subtree.</summary>
    public int End;

    /// <summary>The fact's index in <see cref="CustomerFacts.Values"/>.</summary>
    public int Fact;

    /// <summary>The entering comparison and threshold (the low end for <see cref="NodeKind.Between"/>).</summary>
    public FactComparison Comparison;
    public double Threshold;

    /// <summary>The re-arm comparison and threshold: the entering ones widened to the band's far edge.</summary>
    public FactComparison WidenedComparison;
    public double WidenedThreshold;

    /// <summary>The high end for <see cref="NodeKind.Between"/>.</summary>
    public double High;

    /// <summary>The duration of <see cref="NodeKind.Inactivity"/>.</summary>
    public long Ticks;

    /// <summary>The event kind, or the attribute's name.</summary>
    public string? Name;

    /// <summary>The attribute's accepted values.</summary>
    public string[]? Values;

    /// <summary>The attribute was asked with <c>in</c> (a list) rather than <c>equals</c>.</summary>
    public bool IsList;

    /// <summary>The segment ids.</summary>
    public int[]? Ids;

    /// <summary>The segment move's ends; −1 for either.</summary>
    public int From;
    public int To;
}

internal enum NodeKind : byte
{
    All,
    Any,
    Not,
    Fact,
    Between,
    Event,
    Attribute,
    SegmentIn,
    SegmentNotIn,
    SegmentMove,
    Inactivity,
}
