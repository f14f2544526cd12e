namespace Pulse.Grains.Graph;

/// <summary>What the census keeps across restarts: the epoch only (reports come again within a second).</summary>
[GenerateSerializer, Alias("pulse.GraphCensusState")]
public sealed class GraphCensusState
{
    [Id(0)]
    public long Epoch { get; set; }
}
