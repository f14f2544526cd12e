using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pulse.Analytics.Clv;

/// <summary>The Gauss hypergeometric function ₂F₁, as the BG/NBD and Pareto/NBD expressions need it.</summary>
public static class Hypergeometric
{
    /// <summary>The most arguments <see cref="F21(double, double, double, ReadOnlySpan{double}, Span{double})"/> sums side by side.</summary>
    internal const int Batch = 12;

    private const int MaxTerms = 1_000_000;

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
        for (var k = 0; k < MaxTerms; k++)
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

    /// <summary>
    /// ₂F₁(a, b; c; zᵢ) for up to <see cref="Batch"/> arguments sharing a, b and c (a customer's expected
    /// purchases at several horizons): the series are summed side by side, four to a 256-bit vector,
    /// sharing each term's coefficient, and each stops where <see cref="F21(double, double, double, double)"/>
    /// would stop it, with the same operations, so every result is exactly what the scalar series gives.
    /// </summary>
    internal static void F21(double a, double b, double c, ReadOnlySpan<double> z, Span<double> result)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(z.Length, Batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(result.Length, z.Length);
        foreach (var value in z)
        {
            if (!(Math.Abs(value) < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(z), value, "the series needs |z| < 1");
            }
        }

        if (!Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < z.Length; i++)
            {
                result[i] = F21(a, b, c, z[i]);
            }

            return;
        }

        // Three vectors of four lanes, kept in registers; lanes past the last argument get z = 0: their
        // first term is 0 and they stop at once.
        Span<double> padded = stackalloc double[Batch];
        z.CopyTo(padded);
        var z0 = Vector256.Create(padded);
        var z1 = Vector256.Create(padded[4..]);
        var z2 = Vector256.Create(padded[8..]);
        Vector256<double> t0 = Vector256<double>.One, t1 = t0, t2 = t0, s0 = t0, s1 = t0, s2 = t0;
        Vector256<double> r0 = Vector256<double>.AllBitsSet, r1 = r0, r2 = r0;
        var tolerance = Vector256.Create(1e-17);
        for (var k = 0; k < MaxTerms; k++)
        {
            var coefficient = Vector256.Create((a + k) * (b + k) / ((c + k) * (k + 1)));
            Step(ref t0, ref s0, ref r0, coefficient * z0, tolerance);
            Step(ref t1, ref s1, ref r1, coefficient * z1, tolerance);
            Step(ref t2, ref s2, ref r2, coefficient * z2, tolerance);
            if (Vector256.ExtractMostSignificantBits(r0 | r1 | r2) == 0)
            {
                s0.CopyTo(padded);
                s1.CopyTo(padded[4..]);
                s2.CopyTo(padded[8..]);
                padded[..z.Length].CopyTo(result);
                return;
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {c}; z) did not converge for some of z = {string.Join(", ", z.ToArray())}");
    }

    /// <summary>One term of four series: the term times its ratio, added to the sums still running; a sum stops once its term no longer changes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector256<double> term, ref Vector256<double> sum, ref Vector256<double> running, Vector256<double> ratio, Vector256<double> tolerance)
    {
        term *= ratio;
        sum = Vector256.ConditionalSelect(running, sum + term, sum);
        running = Vector256.AndNot(running, Vector256.LessThanOrEqual(Vector256.Abs(term), tolerance * Vector256.Abs(sum)));
    }
}
