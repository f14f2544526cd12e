namespace Pulse.Contracts.Segments;

/// <summary>A feature that sets a segment apart: its centre's offset from the population mean in standard deviations.</summary>
[GenerateSerializer, Immutable, Alias("pulse.SegmentTraitView")]
public sealed record SegmentTraitView(
    [property: Id(0)] string Feature,
    [property: Id(1)] double Offset);
