namespace Pulse.Contracts.Operations;

/// <summary>What one silo's customers applied over the last reporting interval.</summary>
/// <param name="Silo">The silo's address.</param>
/// <param name="At">When the interval ended.</param>
/// <param name="Interval">Its length.</param>
/// <param name="Applied">Interactions applied (each event id once).</param>
/// <param name="LatencyBuckets">
/// Event time to applied, for live events, counted per <see cref="LatencyHistogram"/> bucket.
/// </param>
[GenerateSerializer, Immutable, Alias("pulse.SiloActivity")]
public sealed record SiloActivity(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] TimeSpan Interval,
    [property: Id(3)] long Applied,
    [property: Id(4)] long[] LatencyBuckets);
