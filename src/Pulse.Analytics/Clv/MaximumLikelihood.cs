using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Pulse.Analytics.Clv;

/// <summary>
/// Maximum-likelihood fitting for models whose parameters are all positive: BFGS (MathNet.Numerics)
/// over the logarithms of the parameters, so no bound is ever crossed, with the model's analytic
/// gradient. Standard errors come from the Hessian of the negative log-likelihood at the optimum,
/// in the natural parameters, by central differences of the analytic gradient.
/// </summary>
public static class MaximumLikelihood
{
    /// <summary>The negative log-likelihood at natural parameters; writes its gradient into the second argument.</summary>
    public delegate double NegativeLogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient);

    public static ModelFit Fit(IReadOnlyList<string> names, NegativeLogLikelihood objective, double[] start, long observations, int maxIterations = 1_000)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfNotEqual(start.Length, names.Count);
        if (observations <= 0)
        {
            throw new ArgumentException("there is nothing to fit: no customers with usable histories", nameof(observations));
        }

        var n = start.Length;
        var scale = 1.0 / observations;
        var natural = new double[n];
        var gradient = new double[n];
        var evaluations = 0;

        // Per-customer scale keeps the optimiser's tolerances meaningful for 2,000 or 2,000,000 customers.
        (double, Vector<double>) Evaluate(Vector<double> logParameters)
        {
            evaluations++;
            for (var i = 0; i < n; i++)
            {
                natural[i] = Math.Exp(logParameters[i]);
            }

            var value = objective(natural, gradient);
            var g = Vector<double>.Build.Dense(n);
            for (var i = 0; i < n; i++)
            {
                g[i] = gradient[i] * natural[i] * scale; // chain rule: d/d(ln p) = p d/dp
            }

            return (double.IsFinite(value) ? value * scale : double.MaxValue, g);
        }

        var initial = Vector<double>.Build.Dense([.. start.Select(v => Math.Log(v))]);
        var minimizer = new BfgsMinimizer(1e-10, 1e-12, 1e-14, maxIterations);
        MinimizationResult result;
        try
        {
            result = minimizer.FindMinimum(ObjectiveFunction.Gradient(Evaluate), initial);
        }
        catch (Exception ex) when (ex is MaximumIterationsException or OptimizationException or InnerOptimizationException)
        {
            throw new InvalidOperationException($"the fit did not converge: {ex.Message}", ex);
        }

        var best = result.MinimizingPoint.Select(v => Math.Exp(v)).ToArray();
        var logLikelihood = -objective(best, gradient);
        var covariance = Covariance(objective, best);
        return new ModelFit(names, best, logLikelihood, result.Iterations, result.ReasonForExit != ExitCondition.ExceedIterations, covariance, observations);
    }

    /// <summary>The inverse of the negative log-likelihood's Hessian at <paramref name="at"/>; NaN where it is singular.</summary>
    public static double[,] Covariance(NegativeLogLikelihood objective, double[] at)
    {
        var n = at.Length;
        var hessian = Matrix<double>.Build.Dense(n, n);
        var plus = new double[n];
        var minus = new double[n];
        var point = (double[])at.Clone();
        for (var i = 0; i < n; i++)
        {
            var h = 1e-5 * Math.Max(Math.Abs(at[i]), 1e-3);
            point[i] = at[i] + h;
            objective(point, plus);
            point[i] = at[i] - h;
            objective(point, minus);
            point[i] = at[i];
            for (var j = 0; j < n; j++)
            {
                hessian[i, j] = (plus[j] - minus[j]) / (2 * h);
            }
        }

        hessian = (hessian + hessian.Transpose()) / 2;
        var result = new double[n, n];
        var inverse = hessian.Inverse();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[i, j] = double.IsFinite(inverse[i, j]) ? inverse[i, j] : double.NaN;
            }
        }

        return result;
    }
}
