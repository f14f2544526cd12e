namespace Pulse.Grains.Graph;

/// <summary>Core numbers and communities of some customers, from a whole-graph analysis.</summary>
[GenerateSerializer, Immutable, Alias("pulse.CustomerStructure")]
public sealed record CustomerStructure(
    [property: Id(0)] string[] Customers,
    [property: Id(1)] int[] CoreNumbers,
    [property: Id(2)] string[] Communities,
    [property: Id(3)] int[] CommunitySizes);
