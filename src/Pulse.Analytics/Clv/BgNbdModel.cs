using MathNet.Numerics;

namespace Pulse.Analytics.Clv;

/// <summary>
/// The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting your customers the
/// easy way"): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they
/// drop out with probability p ~ Beta(a, b). Time is in the periods the customers' triples use.
/// </summary>
public sealed record BgNbdModel(double R, double Alpha, double A, double B)
{
    public static readonly IReadOnlyList<string> ParameterNames = ["r", "alpha", "a", "b"];

    public static BgNbdModel From(ModelFit fit) => new(fit["r"], fit["alpha"], fit["a"], fit["b"]);

    /// <summary>The maximum-likelihood fit over a histogram of customers, with the analytic gradient.</summary>
    public static ModelFit Fit(RfmHistogram customers, BgNbdModel? start = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var data = new CompiledHistogram(customers);
        var from = start ?? new BgNbdModel(1, Math.Max(1, data.MeanT), 1, 1);
        return MaximumLikelihood.Fit(ParameterNames, (p, g) => NegativeLogLikelihood(p, g, data), [from.R, from.Alpha, from.A, from.B], customers.Customers);
    }

    /// <summary>One customer's log-likelihood (equation 6 of the paper).</summary>
    public double LogLikelihood(RfmPoint customer)
    {
        customer.Validate();
        var (x, tx, t) = (customer.Frequency, customer.Recency, customer.T);
        var lnA1 = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha));
        var lnA2 = SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        var lnA3 = -(R + x) * Math.Log(Alpha + t);
        if (x == 0)
        {
            return lnA1 + lnA2 + lnA3;
        }

        var lnA4 = Math.Log(A) - Math.Log(B + x - 1) - ((R + x) * Math.Log(Alpha + tx));
        return lnA1 + lnA2 + LogSumExp(lnA3, lnA4);
    }

    /// <summary>P(alive | x, tₓ, T) (equation 11 of the paper's technical note); 1 for a customer with no repeat purchase.</summary>
    public double ProbabilityAlive(RfmPoint customer)
    {
        if (customer.Frequency == 0)
        {
            return 1;
        }

        var x = customer.Frequency;
        var logRatio = Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + customer.T) - Math.Log(Alpha + customer.Recency)));
        return 1 / (1 + Math.Exp(logRatio));
    }

    /// <summary>E[Y(t) | x, tₓ, T]: expected repeat purchases in the next <paramref name="t"/> periods (equation 10).</summary>
    public double ExpectedPurchases(double t, RfmPoint customer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0)
        {
            return 0;
        }

        var x = customer.Frequency;
        var alphaT = Alpha + customer.T;
        var z = t / (alphaT + t);
        var hyper = Hypergeometric.F21(R + x, B + x, A + B + x - 1, z);
        var lead = (A + B + x - 1) / (A - 1);
        var numerator = 1 - (Math.Exp((R + x) * Math.Log(alphaT / (alphaT + t))) * hyper);
        var denominator = x == 0 ? 1 : 1 + (A / (B + x - 1) * Math.Exp((R + x) * Math.Log(alphaT / (Alpha + customer.Recency))));
        return lead * numerator / denominator;
    }

    /// <summary>E[X(t)]: expected purchases of a new customer in its first <paramref name="t"/> periods (equation 9).</summary>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hyper = Hypergeometric.F21(R, B, A + B - 1, t / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * hyper));
    }

    internal static double NegativeLogLikelihood(ReadOnlySpan<double> p, Span<double> gradient, CompiledHistogram data)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var lnAlpha = Math.Log(alpha);

        // Terms that depend on x alone, once per distinct x.
        var perX = data.PerFrequency;
        var maxX = data.MaxFrequency;
        var lgR = SpecialFunctions.GammaLn(r);
        var lgB = SpecialFunctions.GammaLn(b);
        var lgAb = SpecialFunctions.GammaLn(a + b);
        var psiR = SpecialFunctions.DiGamma(r);
        var psiB = SpecialFunctions.DiGamma(b);
        var psiAb = SpecialFunctions.DiGamma(a + b);
        var lnA = Math.Log(a);
        for (var x = 0; x <= maxX; x++)
        {
            if (!data.HasFrequency[x])
            {
                continue;
            }

            ref var f = ref perX[x];
            f.Constant = SpecialFunctions.GammaLn(r + x) - lgR + (r * lnAlpha) + lgAb + SpecialFunctions.GammaLn(b + x) - lgB - SpecialFunctions.GammaLn(a + b + x);
            f.DConstantDr = SpecialFunctions.DiGamma(r + x) - psiR + lnAlpha;
            f.DConstantDa = psiAb - SpecialFunctions.DiGamma(a + b + x);
            f.DConstantDb = psiAb + SpecialFunctions.DiGamma(b + x) - psiB - SpecialFunctions.DiGamma(a + b + x);
            f.LnAOverBx = x > 0 ? lnA - Math.Log(b + x - 1) : 0;
            f.InvBx = x > 0 ? 1 / (b + x - 1) : 0;
        }

        // ln(α+T) and ln(α+tₓ), once per distinct value.
        var lnAlphaT = data.LnScratchT;
        var invAlphaT = data.InvScratchT;
        for (var i = 0; i < data.DistinctT.Length; i++)
        {
            lnAlphaT[i] = Math.Log(alpha + data.DistinctT[i]);
            invAlphaT[i] = 1 / (alpha + data.DistinctT[i]);
        }

        var lnAlphaTx = data.LnScratchTx;
        var invAlphaTx = data.InvScratchTx;
        for (var i = 0; i < data.DistinctTx.Length; i++)
        {
            lnAlphaTx[i] = Math.Log(alpha + data.DistinctTx[i]);
            invAlphaTx[i] = 1 / (alpha + data.DistinctTx[i]);
        }

        double ll = 0, gr = 0, galpha = 0, ga = 0, gb = 0;
        var n = data.Weights.Length;
        for (var i = 0; i < n; i++)
        {
            var x = data.Frequencies[i];
            var w = data.Weights[i];
            ref readonly var f = ref perX[x];
            var rx = r + x;
            var ti = data.TIndex[i];
            var lnA3 = -rx * lnAlphaT[ti];
            double logMix, w3, w4, lnAT, invAT, lnATx = 0, invATx = 0;
            lnAT = lnAlphaT[ti];
            invAT = invAlphaT[ti];
            if (x == 0)
            {
                logMix = lnA3;
                w3 = 1;
                w4 = 0;
            }
            else
            {
                var txi = data.TxIndex[i];
                lnATx = lnAlphaTx[txi];
                invATx = invAlphaTx[txi];
                var lnA4 = f.LnAOverBx - (rx * lnATx);
                var max = Math.Max(lnA3, lnA4);
                var e3 = Math.Exp(lnA3 - max);
                var e4 = Math.Exp(lnA4 - max);
                var total = e3 + e4;
                logMix = max + Math.Log(total);
                w3 = e3 / total;
                w4 = e4 / total;
            }

            ll += w * (f.Constant + logMix);
            gr += w * (f.DConstantDr - (w3 * lnAT) - (w4 * lnATx));
            galpha += w * ((r / alpha) - (rx * ((w3 * invAT) + (w4 * invATx))));
            ga += w * (f.DConstantDa + (w4 / a));
            gb += w * (f.DConstantDb - (w4 * f.InvBx));
        }

        gradient[0] = -gr;
        gradient[1] = -galpha;
        gradient[2] = -ga;
        gradient[3] = -gb;
        return -ll;
    }

    private static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(Math.Exp(u - max) + Math.Exp(v - max));
    }
}
