namespace Pulse.Analytics.Graph;

/// <summary>Parameters of <see cref="IncrementalPageRank"/>.</summary>
public sealed record IncrementalPageRankOptions
{
    /// <summary>The chance that a step follows a relationship rather than jumping to a uniformly drawn customer.</summary>
    public double Damping { get; init; } = 0.85;

    /// <summary>
    /// ε: a customer's residual is pushed once it exceeds ε·(1 + out-degree), in units of one customer's
    /// teleport share. After a flush the scores are within 2ε·(N + arcs)/((1 − α)·N) of the exact PageRank
    /// in L1, a worst case; <see cref="IncrementalPageRank.ErrorBound"/> gives the bound the residuals
    /// actually left, and the measured error is lower still (see <see cref="IncrementalPageRank"/>).
    /// </summary>
    public double Threshold { get; init; } = 1e-7;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!(Damping >= 0 && Damping < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "The damping must be in [0, 1).");
        }

        if (!(Threshold > 0) || double.IsInfinity(Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The threshold must be positive and finite.");
        }
    }
}
