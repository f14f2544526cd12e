namespace Pulse.Analytics.Segments;

/// <summary>
/// What applying one mini-batch did: the model version it produced, the batch's points and inertia
/// (sum of squared standardized distances to the centres it was assigned against), how far each centre
/// moved (in standard deviations of the current standardization), which centres were re-placed because
/// they were starved, and whether this batch seeded the model.
/// </summary>
public sealed record AppliedBatch(long Version, long Points, double Inertia, IReadOnlyList<double> Moves, IReadOnlyList<int> Reassigned, bool Seeded);
