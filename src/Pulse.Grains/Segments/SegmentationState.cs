using Pulse.Contracts.Segments;

namespace Pulse.Grains.Segments;

/// <summary>The segmentation grain's saved model (the kernel's snapshot as fields), the settings it was built with, and its alerts.</summary>
[GenerateSerializer, Alias("pulse.SegmentationState")]
public sealed class SegmentationState
{
    /// <summary>k and the features, joined: a model built with other settings is not restored.</summary>
    [Id(0)] public string Settings { get; set; } = string.Empty;

    [Id(1)] public long Version { get; set; }

    [Id(2)] public double[] Centres { get; set; } = [];

    [Id(3)] public double[] Counts { get; set; } = [];

    [Id(4)] public double StandardizerWeight { get; set; }

    [Id(5)] public double[] StandardizerMean { get; set; } = [];

    [Id(6)] public double[] StandardizerSquaredDeviations { get; set; } = [];

    [Id(7)] public double SampleSeen { get; set; }

    [Id(8)] public double[] SampleRows { get; set; } = [];

    [Id(9)] public double[] LastMoves { get; set; } = [];

    [Id(10)] public double[] History { get; set; } = [];

    [Id(11)] public long ReferenceVersion { get; set; }

    [Id(12)] public double[] Reference { get; set; } = [];

    [Id(13)] public List<SegmentDriftAlert> Alerts { get; set; } = [];
}
