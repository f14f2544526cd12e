using System.Collections.Frozen;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// What the rules see of one customer at one moment. The customer fills one instance and reuses it for
/// every change, so an evaluation allocates nothing. A fact not filled is NaN: unknown, and a comparison on
/// it is never true.
/// </summary>
public sealed class CustomerFacts
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = FrozenDictionary<string, string>.Empty;

    public CustomerFacts(FactSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Values = new double[schema.Count];
        Array.Fill(Values, double.NaN);
    }

    public FactSchema Schema { get; }

    /// <summary>One value per fact of <see cref="Schema"/>, at its index; NaN when unknown.</summary>
    public double[] Values { get; }

    public string CustomerId { get; set; } = "";

    /// <summary>The wire name of the interaction that caused this evaluation (<c>complaint</c>), or null for a timer or a re-score.</summary>
    public string? EventKind { get; set; }

    /// <summary>Static attributes (<c>Contract</c> → <c>Month-to-month</c>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = NoAttributes;

    /// <summary>The current segment, or null before the customer is first placed.</summary>
    public int? Segment { get; set; }

    /// <summary>The segment before the latest move, or null when the customer has never moved.</summary>
    public int? PreviousSegment { get; set; }

    /// <summary>The customer's latest interaction, or null when there is none.</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>The moment of the evaluation: every time comparison and every firing uses it; there is no clock inside.</summary>
    public DateTimeOffset Now { get; set; }

    public bool MarketingConsent { get; set; }

    /// <summary>A fact by name (for set-up and tests; the hot path writes <see cref="Values"/> by index).</summary>
    public double this[string fact]
    {
        get => Values[IndexOf(fact)];
        set => Values[IndexOf(fact)] = value;
    }

    /// <summary>Makes every fact unknown and forgets the event, so the instance can be refilled.</summary>
    public void Clear()
    {
        Array.Fill(Values, double.NaN);
        EventKind = null;
    }

    private int IndexOf(string fact)
    {
        var index = Schema.IndexOf(fact);
        return index >= 0 ? index : throw new KeyNotFoundException($"'{fact}' is not a registered fact.");
    }
}
