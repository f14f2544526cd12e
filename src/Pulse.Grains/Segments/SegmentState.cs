namespace Pulse.Grains.Segments;

/// <summary>A segment's decayed sums of its members' scores.</summary>
[GenerateSerializer, Alias("pulse.SegmentState")]
public sealed class SegmentState
{
    [Id(0)] public double Contributions { get; set; }

    [Id(1)] public double LifetimeValueSum { get; set; }

    [Id(2)] public double LifetimeValueWeight { get; set; }

    [Id(3)] public double ChurnRiskSum { get; set; }

    [Id(4)] public double ChurnRiskWeight { get; set; }

    [Id(5)] public double SentimentSum { get; set; }

    [Id(6)] public double SentimentWeight { get; set; }

    [Id(7)] public DateTimeOffset? UpdatedAt { get; set; }
}
