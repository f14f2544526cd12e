using System.Runtime.Intrinsics;
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

    /// <summary>
    /// E[Y(tᵢ) | x, tₓ, T] for up to <see cref="Hypergeometric.Batch"/> horizons at once, each exactly what
    /// <see cref="ExpectedPurchases(double, RfmPoint)"/> returns for it: the customer's terms are computed
    /// once and the ₂F₁ series, which share their parameters, are summed side by side.
    /// </summary>
    internal void ExpectedPurchases(ReadOnlySpan<double> horizons, RfmPoint customer, Span<double> expected)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expected.Length, horizons.Length);
        var x = customer.Frequency;
        var alphaT = Alpha + customer.T;
        Span<double> z = stackalloc double[Hypergeometric.Batch];
        z = z[..horizons.Length];
        for (var i = 0; i < horizons.Length; i++)
        {
            var t = horizons[i];
            ArgumentOutOfRangeException.ThrowIfNegative(t);
            z[i] = t / (alphaT + t);
        }

        Hypergeometric.F21(R + x, B + x, A + B + x - 1, z, expected);
        var lead = (A + B + x - 1) / (A - 1);
        var denominator = x == 0 ? 1 : 1 + (A / (B + x - 1) * Math.Exp((R + x) * Math.Log(alphaT / (Alpha + customer.Recency))));
        for (var i = 0; i < horizons.Length; i++)
        {
            var t = horizons[i];
            var numerator = 1 - (Math.Exp((R + x) * Math.Log(alphaT / (alphaT + t))) * expected[i]);
            expected[i] = t == 0 ? 0 : lead * numerator / denominator;
        }
    }

    /// <summary>E[X(t)]: expected purchases of a new customer in its first <paramref name="t"/> periods (equation 9).</summary>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hyper = Hypergeometric.F21(R, B, A + B - 1, t / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * hyper));
    }

    /// <summary>
    /// The negative log-likelihood over a compiled histogram and its gradient in (r, α, a, b). Each
    /// customer's term is C(x) − (r+x)·ln(α+T) + softplus(d), with d = ln(a/(b+x−1)) + (r+x)·ln((α+T)/(α+tₓ))
    /// for x &gt; 0 (the log-odds of "dropped out after the last purchase" against "still alive") and no
    /// softplus term for x = 0. Everything but the softplus is linear in the counts, so it is summed per
    /// distinct x and per distinct T; the softplus and its derivative σ(d) take one exp and one log per
    /// distinct triple, four triples at a time where the hardware has 256-bit vectors.
    /// </summary>
    internal static double NegativeLogLikelihood(ReadOnlySpan<double> p, Span<double> gradient, CompiledHistogram data)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var lnAlpha = Math.Log(alpha);

        // Terms that depend on x alone, once per distinct x, weighted by the customers with that x.
        var lgR = SpecialFunctions.GammaLn(r);
        var lgB = SpecialFunctions.GammaLn(b);
        var lgAb = SpecialFunctions.GammaLn(a + b);
        var psiR = SpecialFunctions.DiGamma(r);
        var psiB = SpecialFunctions.DiGamma(b);
        var psiAb = SpecialFunctions.DiGamma(a + b);
        var lnA = Math.Log(a);
        double ll = 0, gr = 0, galpha = 0, ga = 0, gb = 0, customers = 0;
        var lnAOverBx = data.LnAOverBx;
        var invBx = data.InvBx;
        var frequencies = data.Frequencies;
        var weightByFrequency = data.WeightByFrequency;
        for (var k = 0; k < frequencies.Length; k++)
        {
            var x = frequencies[k];
            var w = weightByFrequency[k];
            customers += w;
            ll += w * (SpecialFunctions.GammaLn(r + x) - lgR + (r * lnAlpha) + lgAb + SpecialFunctions.GammaLn(b + x) - lgB - SpecialFunctions.GammaLn(a + b + x));
            gr += w * (SpecialFunctions.DiGamma(r + x) - psiR + lnAlpha);
            ga += w * (psiAb - SpecialFunctions.DiGamma(a + b + x));
            gb += w * (psiAb + SpecialFunctions.DiGamma(b + x) - psiB - SpecialFunctions.DiGamma(a + b + x));
            if (x > 0)
            {
                lnAOverBx[x] = lnA - Math.Log(b + x - 1);
                invBx[x] = 1 / (b + x - 1);
            }
        }

        galpha += customers * r / alpha;

        // −(r+x)·ln(α+T) and its derivatives, once per distinct T.
        var distinctT = data.DistinctT;
        var lnAlphaT = data.LnScratchT;
        var invAlphaT = data.InvScratchT;
        for (var i = 0; i < distinctT.Length; i++)
        {
            var ln = Math.Log(alpha + distinctT[i]);
            var inv = 1 / (alpha + distinctT[i]);
            lnAlphaT[i] = ln;
            invAlphaT[i] = inv;
            var customersAtT = data.WeightByT[i];
            var rates = (r * customersAtT) + data.RepeatsByT[i];
            ll -= rates * ln;
            gr -= customersAtT * ln;
            galpha -= rates * inv;
        }

        var distinctTx = data.DistinctTx;
        var lnAlphaTx = data.LnScratchTx;
        var invAlphaTx = data.InvScratchTx;
        for (var i = 0; i < distinctTx.Length; i++)
        {
            lnAlphaTx[i] = Math.Log(alpha + distinctTx[i]);
            invAlphaTx[i] = 1 / (alpha + distinctTx[i]);
        }

        // softplus(d) and σ(d) per distinct triple with repeat purchases.
        var repeatFrequency = data.RepeatFrequency;
        var repeatWeight = data.RepeatWeight;
        var repeatT = data.RepeatTIndex;
        var repeatTx = data.RepeatTxIndex;
        var n = repeatWeight.Length;
        double softplus = 0, dr = 0, dalpha = 0, dropout = 0, db = 0;
        var i0 = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var vr = Vector256.Create(r);
            var one = Vector256<double>.One;
            Vector256<double> vSoftplus = default, vDr = default, vDalpha = default, vDropout = default, vDb = default;
            for (; i0 <= n - 4; i0 += 4)
            {
                int t0 = repeatT[i0], t1 = repeatT[i0 + 1], t2 = repeatT[i0 + 2], t3 = repeatT[i0 + 3];
                int s0 = repeatTx[i0], s1 = repeatTx[i0 + 1], s2 = repeatTx[i0 + 2], s3 = repeatTx[i0 + 3];
                int x0 = repeatFrequency[i0], x1 = repeatFrequency[i0 + 1], x2 = repeatFrequency[i0 + 2], x3 = repeatFrequency[i0 + 3];
                var logRatio = Vector256.Create(lnAlphaT[t0] - lnAlphaTx[s0], lnAlphaT[t1] - lnAlphaTx[s1], lnAlphaT[t2] - lnAlphaTx[s2], lnAlphaT[t3] - lnAlphaTx[s3]);
                var invDifference = Vector256.Create(invAlphaT[t0] - invAlphaTx[s0], invAlphaT[t1] - invAlphaTx[s1], invAlphaT[t2] - invAlphaTx[s2], invAlphaT[t3] - invAlphaTx[s3]);
                var lnOdds = Vector256.Create(lnAOverBx[x0], lnAOverBx[x1], lnAOverBx[x2], lnAOverBx[x3]);
                var inv = Vector256.Create(invBx[x0], invBx[x1], invBx[x2], invBx[x3]);
                var w = Vector256.Create(repeatWeight, i0);
                var rx = vr + Vector256.Create((double)x0, (double)x1, (double)x2, (double)x3);
                var d = lnOdds + (rx * logRatio);
                var e = Vector256.Exp(-Vector256.Abs(d));
                var total = one + e;
                var sigma = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(d, Vector256<double>.Zero), one, e) / total;
                var ws = w * sigma;
                vSoftplus += w * (Vector256.Max(d, Vector256<double>.Zero) + Vector256.Log(total));
                vDr += ws * logRatio;
                vDalpha += ws * rx * invDifference;
                vDropout += ws;
                vDb += ws * inv;
            }

            softplus = Vector256.Sum(vSoftplus);
            dr = Vector256.Sum(vDr);
            dalpha = Vector256.Sum(vDalpha);
            dropout = Vector256.Sum(vDropout);
            db = Vector256.Sum(vDb);
        }

        for (var i = i0; i < n; i++)
        {
            var x = repeatFrequency[i];
            var w = repeatWeight[i];
            var rx = r + x;
            var logRatio = lnAlphaT[repeatT[i]] - lnAlphaTx[repeatTx[i]];
            var d = lnAOverBx[x] + (rx * logRatio);
            var e = Math.Exp(-Math.Abs(d));
            var total = 1 + e;
            var ws = w * (d >= 0 ? 1 : e) / total;
            softplus += w * (Math.Max(d, 0) + Math.Log(total));
            dr += ws * logRatio;
            dalpha += ws * rx * (invAlphaT[repeatT[i]] - invAlphaTx[repeatTx[i]]);
            dropout += ws;
            db += ws * invBx[x];
        }

        ll += softplus;
        gradient[0] = -(gr + dr);
        gradient[1] = -(galpha + dalpha);
        gradient[2] = -(ga + (dropout / a));
        gradient[3] = -(gb - db);
        return -ll;
    }

    private static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(Math.Exp(u - max) + Math.Exp(v - max));
    }
}
