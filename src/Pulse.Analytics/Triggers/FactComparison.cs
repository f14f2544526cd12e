namespace Pulse.Analytics.Triggers;

/// <summary>How a fact is compared with one threshold.</summary>
public enum FactComparison
{
    /// <summary>value &gt; threshold; re-arm below it (or below <c>rearmBelow</c>).</summary>
    Above,

    /// <summary>value ≥ threshold; re-arm below it (or below <c>rearmBelow</c>).</summary>
    AtLeast,

    /// <summary>value &lt; threshold; re-arm above it (or above <c>rearmAbove</c>).</summary>
    Below,

    /// <summary>value ≤ threshold; re-arm above it (or above <c>rearmAbove</c>).</summary>
    AtMost,
}
