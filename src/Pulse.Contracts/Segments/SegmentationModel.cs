namespace Pulse.Contracts.Segments;

/// <summary>
/// The segmentation every silo caches: the centres in standardised space and the standardisation
/// itself, so a customer grain can place itself with no call. Features are transformed first
/// (<paramref name="Logarithmic"/>: ln(1 + x) for counts, money and days), then standardised.
/// </summary>
/// <param name="Version">Increases with every applied mini-batch.</param>
/// <param name="Features">The behaviour features that enter clustering, in order (<c>spend-90d</c>, ...).</param>
/// <param name="Logarithmic">Per feature: whether it is taken as ln(1 + x) before standardising.</param>
/// <param name="Mean">Per feature: the running mean of the transformed values.</param>
/// <param name="Scale">Per feature: the running standard deviation (floored).</param>
/// <param name="Centres">k × d, row-major, standardised.</param>
/// <param name="Weights">Per centre: its decayed count of points.</param>
/// <param name="UpdatedAt">When this version was made.</param>
[GenerateSerializer, Immutable, Alias("pulse.SegmentationModel")]
public sealed record SegmentationModel(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<string> Features,
    [property: Id(2)] IReadOnlyList<bool> Logarithmic,
    [property: Id(3)] double[] Mean,
    [property: Id(4)] double[] Scale,
    [property: Id(5)] double[] Centres,
    [property: Id(6)] double[] Weights,
    [property: Id(7)] DateTimeOffset UpdatedAt)
{
    public int K => Weights.Length;

    public int Dimensions => Features.Count;
}
