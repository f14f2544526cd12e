namespace Pulse.Cli.Api;

/// <summary>One fitted model of a published version.</summary>
internal sealed record FittedModel(
    IReadOnlyList<string> Names,
    IReadOnlyList<double> Values,
    IReadOnlyList<double> StandardErrors,
    double LogLikelihood,
    int Iterations,
    bool Converged,
    long Observations);
