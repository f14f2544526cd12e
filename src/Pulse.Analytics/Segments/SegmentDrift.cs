namespace Pulse.Analytics.Segments;

/// <summary>
/// How far each centre has moved, in standard deviations of the current standardization (Euclidean, in
/// standardized space): in the last batch, over the last <see cref="WindowBatches"/> batches, and since
/// the reference version (set when the model seeds itself and by <see cref="StreamingKMeans.MarkReference"/>).
/// Centres re-placed in a batch show as large moves: an alert on drift catches them too.
/// </summary>
public sealed record SegmentDrift(
    long Version,
    IReadOnlyList<double> LastBatch,
    int WindowBatches,
    IReadOnlyList<double> OverWindow,
    long ReferenceVersion,
    IReadOnlyList<double> SinceReference)
{
    /// <summary>The largest of <see cref="OverWindow"/>; 0 before seeding.</summary>
    public double MaxOverWindow => OverWindow.Count == 0 ? 0 : OverWindow.Max();
}
