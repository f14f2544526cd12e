using MathNet.Numerics;

namespace Pulse.Analytics.Clv;

/// <summary>
/// The Gamma-Gamma model of spend per purchase (Fader &amp; Hardie 2013, "The Gamma-Gamma model of
/// monetary value"): each purchase's value is Gamma(p, ν) with the customer's ν ~ Gamma(q, γ);
/// <see cref="Gamma"/> is γ (lifetimes calls it v). Independent of the purchase-count model.
/// </summary>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    public static readonly IReadOnlyList<string> ParameterNames = ["p", "q", "v"];

    public static GammaGammaModel From(ModelFit fit) => new(fit["p"], fit["q"], fit["v"]);

    public static ModelFit Fit(SpendHistogram buyers, GammaGammaModel? start = null)
    {
        ArgumentNullException.ThrowIfNull(buyers);
        var entries = buyers.Counts.ToArray();
        var x = entries.Select(e => (double)e.Key.Frequency).ToArray();
        var m = entries.Select(e => e.Key.MeanSpend).ToArray();
        var w = entries.Select(e => (double)e.Value).ToArray();
        var lnM = m.Select(v => Math.Log(v)).ToArray();
        var lnX = x.Select(v => Math.Log(v)).ToArray();
        var from = start ?? new GammaGammaModel(1, 1, 1);
        return MaximumLikelihood.Fit(ParameterNames, (p, g) => NegativeLogLikelihood(p, g, x, m, w, lnM, lnX), [from.P, from.Q, from.Gamma], buyers.Customers);
    }

    /// <summary>One repeat buyer's log-likelihood of their mean spend over <paramref name="frequency"/> repeat purchases.</summary>
    public double LogLikelihood(int frequency, double meanSpend)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        var px = P * frequency;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q) + (Q * Math.Log(Gamma))
            + ((px - 1) * Math.Log(meanSpend)) + (px * Math.Log(frequency)) - ((px + Q) * Math.Log((frequency * meanSpend) + Gamma));
    }

    /// <summary>
    /// The expected spend per purchase given what the customer spent: a weighted mean of the
    /// population mean p·γ/(q−1) and the customer's own mean, weighted by p·x/(p·x+q−1). A customer
    /// with no repeat purchase gets the population mean. Needs q &gt; 1.
    /// </summary>
    public double ExpectedSpend(int frequency, double meanSpend)
    {
        var populationMean = P * Gamma / (Q - 1);
        if (frequency <= 0)
        {
            return populationMean;
        }

        var weight = P * frequency / ((P * frequency) + Q - 1);
        return ((1 - weight) * populationMean) + (weight * meanSpend);
    }

    private static double NegativeLogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient, double[] x, double[] m, double[] w, double[] lnM, double[] lnX)
    {
        double p = parameters[0], q = parameters[1], v = parameters[2];
        var lgQ = SpecialFunctions.GammaLn(q);
        var psiQ = SpecialFunctions.DiGamma(q);
        var lnV = Math.Log(v);
        double ll = 0, gp = 0, gq = 0, gv = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var px = p * x[i];
            var lnXmV = Math.Log((x[i] * m[i]) + v);
            var psiPxQ = SpecialFunctions.DiGamma(px + q);
            ll += w[i] * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + (q * lnV) + ((px - 1) * lnM[i]) + (px * lnX[i]) - ((px + q) * lnXmV));
            gp += w[i] * x[i] * (psiPxQ - SpecialFunctions.DiGamma(px) + lnM[i] + lnX[i] - lnXmV);
            gq += w[i] * (psiPxQ - psiQ + lnV - lnXmV);
            gv += w[i] * ((q / v) - ((px + q) / ((x[i] * m[i]) + v)));
        }

        gradient[0] = -gp;
        gradient[1] = -gq;
        gradient[2] = -gv;
        return -ll;
    }
}
