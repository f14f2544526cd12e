using MathNet.Numerics;

namespace Pulse.Analytics.Clv;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987), "Counting your customers: who are
/// they and what will they do next?": while alive a customer buys as a Poisson process with rate λ,
/// λ ~ Gamma(<paramref name="R"/>, <paramref name="Alpha"/>); they stay alive an exponential time with
/// rate μ, μ ~ Gamma(<paramref name="S"/>, <paramref name="Beta"/>); λ and μ are independent. Fitted by
/// maximum likelihood as in Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way", and
/// the expressions follow Fader &amp; Hardie (2005), "A note on deriving the Pareto/NBD model and related
/// expressions" (equations 18–20 for the likelihood, 22 for P(alive), 41 for the conditional expectation).
/// </summary>
/// <remarks>
/// <para>
/// The likelihood of (x, tₓ, T) is Γ(r+x)αʳβˢ/Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s (I(tₓ) − I(T))], with
/// I(t) = ∫ₜ^∞ (α+y)^−(r+x) (β+y)^−(s+1) dy. The note writes I with ₂F₁(r+s+x, ·; r+s+x+1; z) and
/// z = (α−β)/(α+t) when α ≥ β, (β−α)/(β+t) when α &lt; β, so 0 ≤ z &lt; 1 always. Here that ₂F₁ goes
/// through Euler's transformation to ₂F₁(1, b; r+s+x+1; z), with b = r+x (α ≥ β) or s+1 (α &lt; β):
/// <list type="bullet">
/// <item>ln I(t) = −(r+x) ln(α+t) − s ln(β+t) − ln(r+s+x) + ln ₂F₁(1, r+x; r+s+x+1; z) when α ≥ β;</item>
/// <item>ln I(t) = −(r+x−1) ln(α+t) − (s+1) ln(β+t) − ln(r+s+x) + ln ₂F₁(1, s+1; r+s+x+1; z) when α &lt; β.</item>
/// </list>
/// Every term of that series is positive and each is less than z times the one before, so nothing
/// cancels and nothing overflows, however large x is (the untransformed series for α &lt; β grows like
/// (1−z)^(1−r−x) and overflows for heavy buyers). Both forms equal (α+t)^−(r+s+x)/(r+s+x) at α = β (z = 0),
/// so the likelihood is continuous there; equality takes the α ≥ β form. The difference I(tₓ) − I(T) is
/// taken as I(tₓ)(1 − e^(ln I(T) − ln I(tₓ))) with expm1, and it never dominates (α+T)^−(r+x)(β+T)^−s by
/// more than its own size, so the sum loses no precision. Everything is summed in logs.
/// </para>
/// <para>
/// The gradient is analytic: the series is summed together with its derivatives in b, c and z
/// (running sums of 1/(b+j) and 1/(c+j)), so one pass gives the value and all four partial derivatives.
/// The series converges geometrically with ratio below z; z approaches 1 only when min(α, β) + t is
/// tiny next to max(α, β) + t, and it needs about 40/(1−z) terms. Past a million terms the likelihood
/// is reported as not a number (the fit treats that as infinitely bad) and predictions throw.
/// </para>
/// </remarks>
public sealed record ParetoNbdModel(double R, double Alpha, double S, double Beta)
{
    /// <summary>The parameters' names in the order <see cref="Fit"/> reports them.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = ["r", "alpha", "s", "beta"];

    private const double SeriesTolerance = 1e-17;
    private const int MaximumSeriesTerms = 1_000_000;

    /// <summary>Shape of the purchase-rate gamma distribution.</summary>
    public double R { get; } = Positive(R, nameof(R));

    /// <summary>Rate (inverse scale) of the purchase-rate gamma distribution, in periods.</summary>
    public double Alpha { get; } = Positive(Alpha, nameof(Alpha));

    /// <summary>Shape of the dropout-rate gamma distribution.</summary>
    public double S { get; } = Positive(S, nameof(S));

    /// <summary>Rate (inverse scale) of the dropout-rate gamma distribution, in periods.</summary>
    public double Beta { get; } = Positive(Beta, nameof(Beta));

    /// <summary>The model at a fit's parameters, read by name.</summary>
    public static ParetoNbdModel From(ModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new ParetoNbdModel(fit["r"], fit["alpha"], fit["s"], fit["beta"]);
    }

    /// <summary>
    /// Maximum-likelihood fit over the distinct (x, tₓ, T) triples, each weighted by its count, with the
    /// analytic gradient; starts from (1, 1, 1, 1), as BTYD and CLVTools do, unless told otherwise.
    /// </summary>
    public static ModelFit Fit(RfmHistogram customers, ParetoNbdModel? start = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var likelihood = new Likelihood(customers.Counts);
        start ??= new ParetoNbdModel(1, 1, 1, 1);
        return MaximumLikelihood.Fit(ParameterNames, likelihood.NegativeLogLikelihood, [start.R, start.Alpha, start.S, start.Beta], customers.Customers);
    }

    /// <summary>
    /// The weighted negative log-likelihood of <paramref name="customers"/> (each triple with its count),
    /// compiled once: terms that depend only on x, or only on (x, t), are computed once per evaluation
    /// and shared by every triple that has them; an evaluation allocates nothing.
    /// </summary>
    internal static MaximumLikelihood.NegativeLogLikelihood Objective(IEnumerable<KeyValuePair<RfmPoint, long>> customers) =>
        new Likelihood(customers).NegativeLogLikelihood;

    /// <summary>One customer's log-likelihood, ln L(r, α, s, β | x, tₓ, T).</summary>
    public double LogLikelihood(RfmPoint customer)
    {
        customer.Validate();
        return LogLikelihood(customer, [R, Alpha, S, Beta], []);
    }

    /// <summary>
    /// One customer's log-likelihood at <paramref name="parameters"/> (r, α, s, β); when
    /// <paramref name="gradient"/> is not empty, writes d(ln L)/d(r, α, s, β) into it.
    /// </summary>
    internal static double LogLikelihood(RfmPoint customer, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        var (r, alpha, s, beta) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        var withGradient = !gradient.IsEmpty;
        var x = (double)customer.Frequency;
        var recency = Tail(r, alpha, s, beta, x, customer.Recency, withGradient);
        var age = Tail(r, alpha, s, beta, x, customer.T, withGradient);
        var gammaRatio = withGradient || x > 0 ? SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) : 0;
        var digammaDifference = withGradient ? SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) : 0;
        return Combine(r, alpha, s, beta, x, gammaRatio, digammaDifference, recency, age, gradient);
    }

    /// <summary>P(alive | x, tₓ, T): the probability that the customer has not dropped out by T (note, equation 22).</summary>
    public double ProbabilityAlive(RfmPoint customer)
    {
        customer.Validate();
        var x = (double)customer.Frequency;
        var recency = Tail(R, Alpha, S, Beta, x, customer.Recency, withGradient: false);
        var age = Tail(R, Alpha, S, Beta, x, customer.T, withGradient: false);
        var alive = -(R + x) * age.LogAlphaT - S * age.LogBetaT;
        var dead = LogDeadTerm(S, recency.LogTail, age.LogTail);
        return 1 / (1 + Math.Exp(dead - alive));
    }

    /// <summary>
    /// E[Y(t) | x, tₓ, T]: the expected repeat purchases in the <paramref name="t"/> periods after T
    /// (note, equation 41): P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)], with
    /// the bracket over s−1 taken through expm1 so that s = 1 is its limit, (β+T) ln(1 + t/(β+T)).
    /// </summary>
    public double ExpectedPurchases(double t, RfmPoint customer)
    {
        NonNegative(t, nameof(t));
        var betaT = Beta + customer.T;
        return ProbabilityAlive(customer) * (R + customer.Frequency) / (Alpha + customer.T) * betaT * DropoutWeightedTime(S, t / betaT);
    }

    /// <summary>
    /// E[X(t)]: the expected repeat purchases of a new customer in their first <paramref name="t"/>
    /// periods, rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)] (note, equation 27), continuous at s = 1.
    /// </summary>
    public double ExpectedPurchases(double t)
    {
        NonNegative(t, nameof(t));
        return R / Alpha * Beta * DropoutWeightedTime(S, t / Beta);
    }

    // [1 − (1+u)^−(s−1)] / (s−1) for u = t/β ≥ 0, without cancellation near s = 1: with L = ln(1+u) it is
    // L · (1 − e^−(s−1)L) / ((s−1)L).
    private static double DropoutWeightedTime(double s, double u)
    {
        var l = LogP1(u);
        var v = (s - 1) * l;
        return v == 0 ? l : l * -ExpM1(-v) / v;
    }

    // ln[s (I(tₓ) − I(T))], or −∞ when tₓ = T (nothing between them).
    private static double LogDeadTerm(double s, double logTailRecency, double logTailAge)
    {
        var d = logTailAge - logTailRecency;
        return d < 0 ? Math.Log(s) + logTailRecency + Math.Log(-ExpM1(d)) : double.NegativeInfinity;
    }

    // ln L from the per-x and per-(x, t) pieces; writes d(ln L)/d(r, α, s, β) when the span is not empty.
    private static double Combine(
        double r, double alpha, double s, double beta, double x,
        double gammaRatio, double digammaDifference, in TailTerm recency, in TailTerm age, Span<double> gradient)
    {
        var alive = -(r + x) * age.LogAlphaT - s * age.LogBetaT;
        var dead = LogDeadTerm(s, recency.LogTail, age.LogTail);
        var top = Math.Max(alive, dead);
        var logSum = top + Math.Log(Math.Exp(alive - top) + Math.Exp(dead - top));
        var value = gammaRatio + r * Math.Log(alpha) + s * Math.Log(beta) + logSum;
        if (gradient.IsEmpty)
        {
            return value;
        }

        // d ln(sum) = w·d(alive) + (1−w)·d(dead), w = P(alive); d(dead) = d ln s + (1+q) d ln I(tₓ) − q d ln I(T),
        // q = e^d / (1 − e^d).
        var w = 1 / (1 + Math.Exp(dead - alive));
        var v = 1 - w;
        var d = age.LogTail - recency.LogTail;
        var q = d < 0 ? 1 / ExpM1(-d) : 0;
        gradient[0] = digammaDifference + Math.Log(alpha)
            + w * -age.LogAlphaT
            + (v == 0 ? 0 : v * ((1 + q) * recency.DR - q * age.DR));
        gradient[1] = r / alpha
            + w * (-(r + x) / age.AlphaT)
            + (v == 0 ? 0 : v * ((1 + q) * recency.DAlpha - q * age.DAlpha));
        gradient[2] = Math.Log(beta)
            + w * -age.LogBetaT
            + (v == 0 ? 0 : v * ((1 / s) + ((1 + q) * recency.DS) - (q * age.DS)));
        gradient[3] = s / beta
            + w * (-s / age.BetaT)
            + (v == 0 ? 0 : v * ((1 + q) * recency.DBeta - q * age.DBeta));
        return value;
    }

    /// <summary>ln I(t) and its partial derivatives in (r, α, s, β); α+t, β+t and their logs on the side.</summary>
    private readonly record struct TailTerm(
        double LogTail, double DR, double DAlpha, double DS, double DBeta, double AlphaT, double BetaT, double LogAlphaT, double LogBetaT);

    // ln I(t) = ln ∫ₜ^∞ (α+y)^−(r+x) (β+y)^−(s+1) dy, in the Euler-transformed ₂F₁ form that keeps 0 ≤ z < 1.
    private static TailTerm Tail(double r, double alpha, double s, double beta, double x, double t, bool withGradient)
    {
        var alphaT = alpha + t;
        var betaT = beta + t;
        var logAlphaT = Math.Log(alphaT);
        var logBetaT = Math.Log(betaT);
        var p = r + s + x;
        var c = p + 1;
        var alphaLeads = alpha >= beta;
        var b = alphaLeads ? r + x : s + 1;
        var z = alphaLeads ? (alpha - beta) / alphaT : (beta - alpha) / betaT;
        var prefix = alphaLeads
            ? (-(r + x) * logAlphaT) - (s * logBetaT)
            : (-(r + x - 1) * logAlphaT) - ((s + 1) * logBetaT);
        if (!withGradient)
        {
            return new TailTerm(prefix - Math.Log(p) + Math.Log(Hypergeometric.F21(1, b, c, z)), 0, 0, 0, 0, alphaT, betaT, logAlphaT, logBetaT);
        }

        var (f, fb, fc, fz) = Series(b, c, z);
        var logTail = prefix - Math.Log(p) + Math.Log(f);
        double dR, dAlpha, dS, dBeta;
        if (alphaLeads)
        {
            // b = r+x, c = r+s+x+1, z = (α−β)/(α+t): ∂z/∂α = (β+t)/(α+t)², ∂z/∂β = −1/(α+t).
            dR = -logAlphaT - (1 / p) + ((fb + fc) / f);
            dS = -logBetaT - (1 / p) + (fc / f);
            dAlpha = (-(r + x) / alphaT) + (fz * betaT / (alphaT * alphaT) / f);
            dBeta = (-s / betaT) - (fz / alphaT / f);
        }
        else
        {
            // b = s+1, c = r+s+x+1, z = (β−α)/(β+t): ∂z/∂β = (α+t)/(β+t)², ∂z/∂α = −1/(β+t).
            dR = -logAlphaT - (1 / p) + (fc / f);
            dS = -logBetaT - (1 / p) + ((fb + fc) / f);
            dAlpha = (-(r + x - 1) / alphaT) - (fz / betaT / f);
            dBeta = (-(s + 1) / betaT) + (fz * alphaT / (betaT * betaT) / f);
        }

        return new TailTerm(logTail, dR, dAlpha, dS, dBeta, alphaT, betaT, logAlphaT, logBetaT);
    }

    // ₂F₁(1, b; c; z) = Σₖ (b)ₖ/(c)ₖ zᵏ for c > b > 0, 0 ≤ z < 1, with its partial derivatives in b, c and z.
    // Term k+1 is term k times (b+k)/(c+k)·z < z; σₖ = termₖ/z keeps ∂/∂z = Σ k σₖ exact at z = 0.
    private static (double Value, double DB, double DC, double DZ) Series(double b, double c, double z)
    {
        double f = 1, fb = 0, fc = 0, fz = 0;
        double sigma = b / c, sumB = 1 / b, sumC = 1 / c;
        for (var k = 1; k <= MaximumSeriesTerms; k++)
        {
            var term = sigma * z;
            f += term;
            fb += term * sumB;
            fc -= term * sumC;
            fz += k * sigma;
            if (term * (k + 1) * (1 + sumB + sumC) <= SeriesTolerance * (1 - z) * f)
            {
                return (f, fb, fc, fz);
            }

            sigma *= (b + k) / (c + k) * z;
            sumB += 1 / (b + k);
            sumC += 1 / (c + k);
        }

        return (double.NaN, double.NaN, double.NaN, double.NaN);
    }

    // eˣ − 1 and ln(1 + x) to a few ulps near 0 (Kahan's tricks; double.ExpM1 and double.LogP1 compute
    // Exp(x) − 1 and Log(1 + x) as written, which lose everything for tiny x).
    private static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1 || double.IsPositiveInfinity(u))
        {
            return u == 1 ? x : u;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    private static double LogP1(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "must be positive and finite");

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be 0 or more and finite");
        }
    }

    /// <summary>
    /// The negative log-likelihood of a set of (x, tₓ, T) triples with counts, laid out for repeated
    /// evaluation: distinct x values, distinct (x, t) pairs (t being a recency or an age) and the
    /// triples as indices into them, plus scratch space for the per-evaluation terms.
    /// </summary>
    private sealed class Likelihood
    {
        private readonly double[] _frequencies;
        private readonly int[] _pairFrequency;
        private readonly double[] _pairTime;
        private readonly int[] _tripleFrequency;
        private readonly int[] _tripleRecency;
        private readonly int[] _tripleAge;
        private readonly double[] _tripleCount;
        private readonly double[] _gammaRatio;
        private readonly double[] _digammaDifference;
        private readonly TailTerm[] _tails;

        public Likelihood(IEnumerable<KeyValuePair<RfmPoint, long>> customers)
        {
            ArgumentNullException.ThrowIfNull(customers);
            var frequencies = new Dictionary<int, int>();
            var pairs = new Dictionary<(int, double), int>();
            var pairFrequency = new List<int>();
            var pairTime = new List<double>();
            var triples = new List<(int X, int Recency, int Age, double Count)>();

            int Pair(int frequencyIndex, double time)
            {
                if (!pairs.TryGetValue((frequencyIndex, time), out var index))
                {
                    pairs[(frequencyIndex, time)] = index = pairFrequency.Count;
                    pairFrequency.Add(frequencyIndex);
                    pairTime.Add(time);
                }

                return index;
            }

            foreach (var (point, count) in customers)
            {
                point.Validate();
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
                if (!frequencies.TryGetValue(point.Frequency, out var x))
                {
                    frequencies[point.Frequency] = x = frequencies.Count;
                }

                triples.Add((x, Pair(x, point.Recency), Pair(x, point.T), count));
            }

            _frequencies = new double[frequencies.Count];
            foreach (var (frequency, index) in frequencies)
            {
                _frequencies[index] = frequency;
            }

            _pairFrequency = [.. pairFrequency];
            _pairTime = [.. pairTime];
            _tripleFrequency = [.. triples.Select(t => t.X)];
            _tripleRecency = [.. triples.Select(t => t.Recency)];
            _tripleAge = [.. triples.Select(t => t.Age)];
            _tripleCount = [.. triples.Select(t => t.Count)];
            _gammaRatio = new double[_frequencies.Length];
            _digammaDifference = new double[_frequencies.Length];
            _tails = new TailTerm[_pairTime.Length];
        }

        public double NegativeLogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient)
        {
            var (r, alpha, s, beta) = (parameters[0], parameters[1], parameters[2], parameters[3]);
            var lnGammaR = SpecialFunctions.GammaLn(r);
            var digammaR = SpecialFunctions.DiGamma(r);
            for (var i = 0; i < _frequencies.Length; i++)
            {
                _gammaRatio[i] = SpecialFunctions.GammaLn(r + _frequencies[i]) - lnGammaR;
                _digammaDifference[i] = SpecialFunctions.DiGamma(r + _frequencies[i]) - digammaR;
            }

            for (var i = 0; i < _tails.Length; i++)
            {
                _tails[i] = Tail(r, alpha, s, beta, _frequencies[_pairFrequency[i]], _pairTime[i], withGradient: true);
            }

            Span<double> one = stackalloc double[4];
            gradient.Clear();
            var total = 0.0;
            for (var i = 0; i < _tripleCount.Length; i++)
            {
                var x = _tripleFrequency[i];
                var count = _tripleCount[i];
                total -= count * Combine(
                    r, alpha, s, beta, _frequencies[x], _gammaRatio[x], _digammaDifference[x],
                    _tails[_tripleRecency[i]], _tails[_tripleAge[i]], one);
                for (var j = 0; j < 4; j++)
                {
                    gradient[j] -= count * one[j];
                }
            }

            return total;
        }
    }
}
