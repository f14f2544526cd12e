namespace Pulse.Cli.Api;

/// <summary>A feature that sets a segment apart: its centre's offset from the population mean in standard deviations.</summary>
internal sealed record SegmentTraitView(string Feature, double Offset);
