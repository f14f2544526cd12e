namespace Pulse.Analytics.Simulation;

/// <summary>
/// The synthetic population: its size, the BG/NBD and Gamma-Gamma parameters its customers are drawn
/// from, and the shape of the event mix.
/// </summary>
/// <remarks>
/// Defaults are the published fits on CDNOW, rates per week: BG/NBD r = 0.243, α = 4.414, a = 0.793,
/// b = 2.426 (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"); Gamma-Gamma
/// p = 6.25, q = 3.74, γ = 15.44 (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie 2013,
/// "The Gamma-Gamma Model of Monetary Value").
/// </remarks>
public sealed record SimulationOptions
{
    /// <summary>How many customers are active at any time; one who drops out is replaced by a new one.</summary>
    public int Customers { get; init; } = 10_000;

    /// <summary>Prepended to customer numbers to make ids (<c>c-1</c>, <c>c-2</c>, ...).</summary>
    public string CustomerPrefix { get; init; } = "c-";

    /// <summary>BG/NBD r: shape of the Gamma the purchase rates λ are drawn from.</summary>
    public double R { get; init; } = 0.243;

    /// <summary>BG/NBD α: rate of the Gamma the purchase rates λ are drawn from (mean λ = r/α per week).</summary>
    public double Alpha { get; init; } = 4.414;

    /// <summary>BG/NBD a: first shape of the Beta the drop-out probabilities p are drawn from.</summary>
    public double A { get; init; } = 0.793;

    /// <summary>BG/NBD b: second shape of the Beta the drop-out probabilities p are drawn from (mean p = a/(a+b)).</summary>
    public double B { get; init; } = 2.426;

    /// <summary>Gamma-Gamma p: shape of each purchase's value around the customer's spend level.</summary>
    public double SpendP { get; init; } = 6.25;

    /// <summary>Gamma-Gamma q: shape of the Gamma the customers' spend rates ν are drawn from.</summary>
    public double SpendQ { get; init; } = 3.74;

    /// <summary>Gamma-Gamma γ: rate of the Gamma the customers' spend rates ν are drawn from.</summary>
    public double SpendGamma { get; init; } = 15.44;

    /// <summary>
    /// Share of a customer's events that are purchases. The rest (browsing, calls, email, ...) come in
    /// proportion, so each customer's purchases stay proportional to their λ, as BG/NBD assumes.
    /// </summary>
    public double PurchaseShare { get; init; } = 0.08;

    /// <summary>Share of events stamped slightly in the past, to exercise out-of-order handling.</summary>
    public double LateShare { get; init; } = 0.02;

    /// <summary>How far in the past a late event may be (at least one second).</summary>
    public TimeSpan MaxLateness { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Population mean of the latent satisfaction, on a scale of −1 (furious) to 1 (delighted).</summary>
    public double MeanSatisfaction { get; init; } = 0.3;

    /// <summary>Standard deviation of the latent satisfaction across customers.</summary>
    public double SatisfactionSpread { get; init; } = 0.45;

    /// <summary>
    /// Prefix of every event id. Null draws a fresh random one, so two runs never collide; set it only
    /// to reproduce a run's ids exactly.
    /// </summary>
    public string? RunId { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Customers);
        ArgumentNullException.ThrowIfNull(CustomerPrefix);
        Positive(R, nameof(R));
        Positive(Alpha, nameof(Alpha));
        Positive(A, nameof(A));
        Positive(B, nameof(B));
        Positive(SpendP, nameof(SpendP));
        Positive(SpendQ, nameof(SpendQ));
        Positive(SpendGamma, nameof(SpendGamma));
        Probability(PurchaseShare, nameof(PurchaseShare));
        Probability(LateShare, nameof(LateShare));
        if (MaxLateness < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLateness), MaxLateness, "At least one second.");
        }

        if (!(MeanSatisfaction >= -1 && MeanSatisfaction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MeanSatisfaction), MeanSatisfaction, "Between -1 and 1.");
        }

        if (!(SatisfactionSpread >= 0) || double.IsInfinity(SatisfactionSpread))
        {
            throw new ArgumentOutOfRangeException(nameof(SatisfactionSpread), SatisfactionSpread, "Finite and non-negative.");
        }

        if (RunId is { Length: 0 or > 64 })
        {
            throw new ArgumentOutOfRangeException(nameof(RunId), RunId, "Between 1 and 64 characters.");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
        }
    }

    private static void Probability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be between 0 and 1.");
        }
    }
}
