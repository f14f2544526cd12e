using Pulse.Contracts.Segments;

namespace Pulse.Web.Segments;

/// <summary>One segment in <c>GET /api/v1/segments</c>.</summary>
/// <param name="Id">The segment number.</param>
/// <param name="Size">Customers in it now (the membership store).</param>
/// <param name="Weight">The centre's decayed count of contributed points.</param>
/// <param name="Description">In words: "frequent web buyers, high value, low complaints".</param>
/// <param name="Traits">What sets it apart (standard deviations from the population mean).</param>
/// <param name="Centre">The centre in each feature's units.</param>
/// <param name="MeanLifetimeValue">Mean CLV of members who contributed lately.</param>
/// <param name="MeanChurnRisk">Mean churn risk, likewise.</param>
/// <param name="MeanSentiment">Mean sentiment level, likewise.</param>
/// <param name="Drift">How far the centre moved: last batch, over the window, since the reference (standard deviations).</param>
public sealed record SegmentView(
    int Id,
    long Size,
    double Weight,
    string Description,
    IReadOnlyList<SegmentTraitView> Traits,
    IReadOnlyDictionary<string, double> Centre,
    double? MeanLifetimeValue,
    double? MeanChurnRisk,
    double? MeanSentiment,
    SegmentMovement Drift);
