namespace Pulse.Contracts.Interactions;

/// <summary>The limits every interaction is held to, in one place.</summary>
public static class InteractionLimits
{
    public const int MaxIdLength = 128;
    public const int MaxTextLength = 4_000;
    public const int MaxProperties = 32;
    public const int MaxPropertyKeyLength = 64;
    public const int MaxPropertyValueLength = 256;

    /// <summary>Most identifiers one interaction may carry.</summary>
    public const int MaxIdentities = 8;

    /// <summary>Largest amount accepted, in major currency units.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>Most interactions in one ingest request.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>How far ahead of the receiving clock an event time may be (clock skew between senders).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Earliest event time accepted.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
