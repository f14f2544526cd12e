namespace Pulse.Analytics.Clv;

/// <summary>The Gauss hypergeometric function ₂F₁, as the BG/NBD and Pareto/NBD expressions need it.</summary>
public static class Hypergeometric
{
    /// <summary>
    /// ₂F₁(a, b; c; z) for |z| &lt; 1 by its power series, summed until a term no longer changes the
    /// sum in double precision. The models call it with z in [0, 1): z = t/(α+T+t) and similar.
    /// </summary>
    public static double F21(double a, double b, double c, double z)
    {
        if (!(Math.Abs(z) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "the series needs |z| < 1");
        }

        double term = 1, sum = 1;
        for (var k = 0; k < 1_000_000; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge");
    }
}
