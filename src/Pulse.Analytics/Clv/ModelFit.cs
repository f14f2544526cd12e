namespace Pulse.Analytics.Clv;

/// <summary>
/// The result of a maximum-likelihood fit: the parameters at the optimum, the log-likelihood there,
/// how the optimiser got there, and the parameters' covariance from the inverse Hessian of the
/// negative log-likelihood (in the natural parameters, not their logs).
/// </summary>
public sealed record ModelFit(
    IReadOnlyList<string> Names,
    double[] Parameters,
    double LogLikelihood,
    int Iterations,
    bool Converged,
    double[,] Covariance,
    long Observations)
{
    /// <summary>Standard errors: square roots of the covariance's diagonal (NaN where the Hessian was not positive definite).</summary>
    public double[] StandardErrors => [.. Enumerable.Range(0, Parameters.Length).Select(i => Covariance[i, i] >= 0 ? Math.Sqrt(Covariance[i, i]) : double.NaN)];

    /// <summary>
    /// 0 for a plain maximum-likelihood fit; otherwise the per-customer ridge on the log-parameters
    /// that was needed for the optimum to exist (the covariance is then that of the penalised fit).
    /// </summary>
    public double Ridge { get; init; }

    public double this[string name] => Parameters[IndexOf(name)];

    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no parameter named '{name}' (have {string.Join(", ", Names)})", nameof(name));
    }
}
