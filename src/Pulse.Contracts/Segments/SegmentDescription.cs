namespace Pulse.Contracts.Segments;

/// <summary>What a segment is: its centre in the features' own units, the features that set it apart and a description in words.</summary>
/// <param name="Segment">The segment number.</param>
/// <param name="Weight">The centre's decayed count of points.</param>
/// <param name="Centre">Per feature, the centre in the feature's units (days, counts, money, sentiment).</param>
/// <param name="Traits">The features farthest from the population mean, in standard deviations, largest first.</param>
/// <param name="Description">"frequent web buyers, high value, low complaints".</param>
[GenerateSerializer, Immutable, Alias("pulse.SegmentDescription")]
public sealed record SegmentDescription(
    [property: Id(0)] int Segment,
    [property: Id(1)] double Weight,
    [property: Id(2)] IReadOnlyDictionary<string, double> Centre,
    [property: Id(3)] IReadOnlyList<SegmentTraitView> Traits,
    [property: Id(4)] string Description);
