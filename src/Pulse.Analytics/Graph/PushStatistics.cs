namespace Pulse.Analytics.Graph;

/// <summary>What one <see cref="IncrementalPageRank.Flush"/> did.</summary>
/// <param name="Changes">Graph changes (arcs and customers) folded in since the previous flush.</param>
/// <param name="Pushes">Residual pushes.</param>
/// <param name="Work">Changes, queue visits and arcs scanned: comparable with <see cref="PageRankResult.Work"/>.</param>
/// <param name="Touched">Customers whose score moved (besides the common renormalisation).</param>
public readonly record struct PushStatistics(int Changes, long Pushes, long Work, int Touched);
