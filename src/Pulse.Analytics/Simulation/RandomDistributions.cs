namespace Pulse.Analytics.Simulation;

/// <summary>Draws from the distributions the population models assume, on top of <see cref="Random"/>.</summary>
internal static class RandomDistributions
{
    /// <summary>A standard normal draw (Box–Muller; one of the pair is discarded to keep no hidden state).</summary>
    public static double NextStandardNormal(this Random random)
    {
        // 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Gamma(shape, rate) draw: mean shape/rate, as BG/NBD writes λ ~ Gamma(r, α).</summary>
    /// <remarks>Marsaglia &amp; Tsang (2000); shapes below 1 use the boost Gamma(k) = Gamma(k + 1)·U^(1/k).</remarks>
    public static double NextGamma(this Random random, double shape, double rate)
    {
        if (!(shape > 0) || !(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), "Gamma shape and rate must be positive.");
        }

        if (shape < 1)
        {
            var u = 1.0 - random.NextDouble();
            return NextGamma(random, shape + 1, rate) * Math.Pow(u, 1.0 / shape);
        }

        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.NextStandardNormal();
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v / rate;
            }
        }
    }

    /// <summary>A Beta(a, b) draw, as the ratio of two Gamma draws.</summary>
    public static double NextBeta(this Random random, double a, double b)
    {
        var x = random.NextGamma(a, 1.0);
        var y = random.NextGamma(b, 1.0);
        var sum = x + y;

        // Both draws can underflow to 0 for tiny shapes; the mean is the honest fallback.
        return sum > 0 ? x / sum : a / (a + b);
    }

    /// <summary>A value whose logarithm is uniform between the logarithms of the bounds.</summary>
    public static double NextLogUniform(this Random random, double min, double max) =>
        Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool NextBool(this Random random, double p) => random.NextDouble() < p;

    /// <summary>One item of a list, uniformly.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
