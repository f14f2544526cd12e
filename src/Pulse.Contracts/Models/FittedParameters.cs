namespace Pulse.Contracts.Models;

/// <summary>One model's maximum-likelihood fit: parameters by name, their standard errors and covariance (row-major), and how the fit went.</summary>
[GenerateSerializer, Immutable, Alias("pulse.FittedParameters")]
public sealed record FittedParameters(
    [property: Id(0)] IReadOnlyList<string> Names,
    [property: Id(1)] IReadOnlyList<double> Values,
    [property: Id(2)] IReadOnlyList<double> StandardErrors,
    [property: Id(3)] IReadOnlyList<double> Covariance,
    [property: Id(4)] double LogLikelihood,
    [property: Id(5)] int Iterations,
    [property: Id(6)] bool Converged,
    [property: Id(7)] long Observations);
