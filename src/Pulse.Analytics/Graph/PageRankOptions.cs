namespace Pulse.Analytics.Graph;

/// <summary>
/// Parameters of <see cref="PageRank.Compute"/>. The defaults are NetworkX's <c>pagerank</c>: damping
/// 0.85, at most 100 iterations, tolerance 1e-6 per customer.
/// </summary>
public sealed record PageRankOptions
{
    /// <summary>The chance that a step follows a relationship rather than jumping to a uniformly drawn customer.</summary>
    public double Damping { get; init; } = 0.85;

    /// <summary>Stop once an iteration moves the scores by less than customers × this, in L1 (as NetworkX). 0: run every iteration.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>The most iterations to run.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// True: a customer's rank flows to its out-neighbours in proportion to arc weight. False: every arc
    /// counts one (LDBC Graphalytics ignores weights; parallel arcs of different kinds still count apart).
    /// </summary>
    public bool Weighted { get; init; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!(Damping >= 0 && Damping < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "The damping must be in [0, 1).");
        }

        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be finite and not negative.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIterations);
    }
}
