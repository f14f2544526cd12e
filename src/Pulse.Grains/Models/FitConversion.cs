using Pulse.Analytics.Clv;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>Between the analytics library's <see cref="ModelFit"/> and the wire's <see cref="FittedParameters"/>.</summary>
internal static class FitConversion
{
    public static FittedParameters ToParameters(this ModelFit fit)
    {
        var n = fit.Parameters.Length;
        var covariance = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                covariance[(i * n) + j] = fit.Covariance[i, j];
            }
        }

        return new FittedParameters([.. fit.Names], [.. fit.Parameters], fit.StandardErrors, covariance, fit.LogLikelihood, fit.Iterations, fit.Converged, fit.Observations, fit.Ridge);
    }

    public static ModelFit ToFit(this FittedParameters parameters)
    {
        var n = parameters.Values.Count;
        var covariance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                covariance[i, j] = parameters.Covariance[(i * n) + j];
            }
        }

        return new ModelFit([.. parameters.Names], [.. parameters.Values], parameters.LogLikelihood, parameters.Iterations, parameters.Converged, covariance, parameters.Observations) { Ridge = parameters.Ridge };
    }
}
