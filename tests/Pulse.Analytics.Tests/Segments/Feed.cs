using Pulse.Analytics.Segments;

namespace Pulse.Analytics.Tests.Segments;

/// <summary>Streams points into a model the way pre-aggregators and the segmentation grain will.</summary>
internal static class Feed
{
    /// <summary>One batch per <paramref name="size"/> points, each assigned against the version current when it starts.</summary>
    public static List<AppliedBatch> InBatches(StreamingKMeans model, IEnumerable<double[]> points, int size)
    {
        var applied = new List<AppliedBatch>();
        foreach (var chunk in points.Chunk(size))
        {
            applied.Add(Batch(model, chunk));
        }

        return applied;
    }

    public static AppliedBatch Batch(StreamingKMeans model, IEnumerable<double[]> points)
    {
        var batch = model.NewBatch(seed: (int)model.Version);
        foreach (var p in points)
        {
            batch.Add(p);
        }

        return model.Apply(batch);
    }

    /// <summary>The model's centres in raw units.</summary>
    public static double[][] RawCentres(StreamingKMeans model) =>
        [.. Enumerable.Range(0, model.K).Select(c =>
        {
            var raw = new double[model.Dimensions];
            model.CentreInRawUnits(c, raw);
            return raw;
        })];
}
