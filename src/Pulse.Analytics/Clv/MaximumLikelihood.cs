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

    /// <summary>
    /// The ridge on the log-parameters, per customer, used when the plain maximum does not exist.
    /// Small data without evidence of, say, dropout drive a parameter to infinity; a weak pull
    /// towards 1 keeps it finite. Reported with the fit (<see cref="ModelFit.Ridge"/>).
    /// </summary>
    public const double FallbackRidge = 1e-3;

    private static readonly AsyncLocal<DateTime?> Deadline = new();

    /// <summary>
    /// Bounds the time of every fit started in this async flow until the result is disposed: a fit
    /// still running at the deadline fails with <see cref="TimeoutException"/>. For optional work,
    /// such as a comparison model whose likelihood is slow on awkward data.
    /// </summary>
    public static IDisposable WithTimeBudget(TimeSpan budget)
    {
        var previous = Deadline.Value;
        Deadline.Value = DateTime.UtcNow + budget;
        return new Restore(() => Deadline.Value = previous);
    }

    /// <summary>
    /// The maximum-likelihood fit; when the optimiser cannot converge (the likelihood keeps rising
    /// towards a boundary), the fit is repeated with <see cref="FallbackRidge"/> and says so.
    /// </summary>
    public static ModelFit Fit(IReadOnlyList<string> names, NegativeLogLikelihood objective, double[] start, long observations, int maxIterations = 1_000)
    {
        try
        {
            return Fit(names, objective, start, observations, maxIterations, ridge: 0);
        }
        catch (InvalidOperationException)
        {
            return Fit(names, objective, start, observations, maxIterations, FallbackRidge);
        }
    }

    /// <summary>The fit of the negative log-likelihood plus <paramref name="ridge"/> × customers × Σ (ln θᵢ)².</summary>
    public static ModelFit Fit(IReadOnlyList<string> names, NegativeLogLikelihood objective, double[] start, long observations, int maxIterations, double ridge)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ridge);
        if (ridge > 0)
        {
            var plain = objective;
            var weight = ridge * observations;
            objective = (p, g) =>
            {
                var value = plain(p, g);
                for (var i = 0; i < p.Length; i++)
                {
                    var log = Math.Log(p[i]);
                    value += weight * log * log;
                    g[i] += 2 * weight * log / p[i];
                }

                return value;
            };
        }

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
        var deadline = Deadline.Value;
        (double, Vector<double>) Evaluate(Vector<double> logParameters)
        {
            evaluations++;
            if (deadline is { } due && DateTime.UtcNow > due)
            {
                throw new TimeoutException($"the fit ran out of its time budget after {evaluations} evaluations");
            }

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
        var penalty = ridge * observations * best.Sum(v => Math.Log(v) * Math.Log(v));
        var logLikelihood = -objective(best, gradient) + penalty;
        var covariance = Covariance(objective, best);
        return new ModelFit(names, best, logLikelihood, result.Iterations, result.ReasonForExit != ExitCondition.ExceedIterations, covariance, observations) { Ridge = ridge };
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

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
