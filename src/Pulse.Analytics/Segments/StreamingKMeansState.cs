namespace Pulse.Analytics.Segments;

/// <summary>
/// A <see cref="StreamingKMeans"/> as plain values, for grain persistence. Centres are k × d, row-major,
/// in the standardized space of <see cref="Standardizer"/> (empty before seeding); <see cref="History"/>
/// holds the centres in raw units after each of the last batches (oldest first, k × d each, one after
/// the other) and <see cref="Reference"/> those at <see cref="ReferenceVersion"/>.
/// </summary>
public sealed record StreamingKMeansState(
    long Version,
    double[] Centres,
    double[] Counts,
    StandardizerState Standardizer,
    double SampleSeen,
    double[] SampleRows,
    double[] LastMoves,
    double[] History,
    long ReferenceVersion,
    double[] Reference);
