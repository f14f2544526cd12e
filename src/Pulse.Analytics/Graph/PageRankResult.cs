namespace Pulse.Analytics.Graph;

/// <summary>The outcome of <see cref="PageRank.Compute"/>.</summary>
/// <param name="Scores">Per slot, the customer's PageRank (0 for free slots); they sum to 1.</param>
/// <param name="Iterations">Iterations run.</param>
/// <param name="Converged">True when the last iteration moved the scores by less than the tolerance allows.</param>
/// <param name="LastChange">The L1 change of the last iteration.</param>
/// <param name="Work">Customers plus arcs visited, over all iterations (the yardstick for incremental updates).</param>
public sealed record PageRankResult(double[] Scores, int Iterations, bool Converged, double LastChange, long Work);
