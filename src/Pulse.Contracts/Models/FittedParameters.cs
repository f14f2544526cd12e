namespace Pulse.Contracts.Models;

/// <summary>
/// One model's maximum-likelihood fit: parameters by name, their standard errors and covariance
/// (row-major), and how the fit went. <paramref name="Ridge"/> is 0 for a plain fit, or the weak
/// penalty on the log-parameters that was needed because the plain maximum lay at a boundary.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.FittedParameters")]
public sealed record FittedParameters(
    [property: Id(0)] IReadOnlyList<string> Names,
    [property: Id(1)] IReadOnlyList<double> Values,
    [property: Id(2)] IReadOnlyList<double> StandardErrors,
    [property: Id(3)] IReadOnlyList<double> Covariance,
    [property: Id(4)] double LogLikelihood,
    [property: Id(5)] int Iterations,
    [property: Id(6)] bool Converged,
    [property: Id(7)] long Observations,
    [property: Id(8)] double Ridge = 0);
