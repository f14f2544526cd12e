using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>A customer's checkpoint: everything needed to resume, and the log position it covers.</summary>
[GenerateSerializer, Alias("pulse.CustomerState")]
public sealed class CustomerState
{
    [Id(0)] public long AppliedCount { get; set; }

    [Id(1)] public long LastPosition { get; set; }

    [Id(2)] public DateTimeOffset? FirstSeen { get; set; }

    [Id(3)] public DateTimeOffset? LastSeen { get; set; }

    [Id(4)] public long FeatureReferenceTicks { get; set; } = long.MinValue;

    [Id(5)] public double[] FeatureValues { get; set; } = [];

    [Id(6)] public int[] PurchaseDays { get; set; } = [];

    [Id(7)] public decimal[] PurchaseAmounts { get; set; } = [];

    [Id(8)] public List<Interaction> Recent { get; set; } = [];

    [Id(9)] public ulong[] SeenEventHashes { get; set; } = [];

    [Id(10)] public long[] SeenEventPositions { get; set; } = [];

    [Id(11)] public decimal TotalSpend { get; set; }

    [Id(12)] public decimal TotalRefunds { get; set; }

    [Id(13)] public long SentimentReferenceTicks { get; set; } = long.MinValue;

    [Id(14)] public double[] SentimentValues { get; set; } = [];

    [Id(15)] public double? LastSentiment { get; set; }

    [Id(16)] public DateTimeOffset? LastSentimentAt { get; set; }

    [Id(17)] public long[] ComplaintTicks { get; set; } = [];

    [Id(18)] public Dictionary<string, string> Attributes { get; set; } = [];

    [Id(19)] public Pulse.Contracts.Segments.CustomerSegment? Segment { get; set; }

    /// <summary>The customer's network as the graph last told it.</summary>
    [Id(20)] public Pulse.Contracts.Graph.CustomerNetwork? Network { get; set; }

    /// <summary>Its state per trigger rule (only rules that ever armed, disarmed or fired).</summary>
    [Id(21)] public List<Pulse.Grains.Triggers.StoredTriggerState>? Triggers { get; set; }

    /// <summary>When the reminder that wakes this customer for a due trigger rule is set to come (null: none set).</summary>
    [Id(22)] public DateTimeOffset? TriggerReminderDue { get; set; }

    /// <summary>
    /// The customers merged into this one (docs/identity.md): their logs are replayed with its own, at a
    /// rebuild and at every activation, so a survivor that crashed comes back whole. Not released by
    /// <see cref="ReleaseCopies"/>: it is the authority between checkpoints.
    /// </summary>
    [Id(23)] public List<string> AbsorbedIds { get; set; } = [];

    /// <summary>The survivor this customer was merged into (null: not absorbed); it then forwards what it is delivered.</summary>
    [Id(24)] public string? AbsorbedInto { get; set; }

    /// <summary>
    /// For each absorbed id that came in another customer's group (that customer was absorbed with the ids merged
    /// into it), that customer: an unmerge of it hands them back. Ids merged in directly are not here.
    /// </summary>
    [Id(25)] public Dictionary<string, string> AbsorbedVia { get; set; } = [];

    /// <summary>The merges and unmerges this customer took part in, oldest first; the last <c>CustomerGrain.MergesKept</c>.</summary>
    [Id(26)] public List<Pulse.Contracts.Merges.MergeRecord> Merges { get; set; } = [];

    /// <summary>
    /// Drops the copies a checkpoint took once they are written. Kept until the next checkpoint, a minute
    /// later, they outlived the young generation in every busy customer and made each gen-0 collection copy
    /// tens of megabytes (docs/benchmarks.md, relationship graph). The scalars stay: they are read between
    /// checkpoints and cost nothing.
    /// </summary>
    public void ReleaseCopies()
    {
        PurchaseDays = [];
        PurchaseAmounts = [];
        Recent = [];
        SeenEventHashes = [];
        SeenEventPositions = [];
        SentimentValues = [];
        ComplaintTicks = [];
        Attributes = [];
        Segment = null;
        Network = null;
        Triggers = null;
    }
}
