namespace Pulse.Analytics.Simulation;

/// <summary>The latent traits and running state of one synthetic customer.</summary>
internal sealed class SimulatedCustomer(
    string id,
    double purchaseRate,
    double dropoutProbability,
    double spendRate,
    double baselineSatisfaction,
    double mobileShare,
    bool pendingSignup)
{
    public string Id { get; } = id;

    /// <summary>λ: purchases per week while active (BG/NBD).</summary>
    public double PurchaseRate { get; } = purchaseRate;

    /// <summary>p: probability of dropping out right after each purchase (BG/NBD).</summary>
    public double DropoutProbability { get; } = dropoutProbability;

    /// <summary>ν: the Gamma rate of this customer's purchase values; mean value p/ν (Gamma-Gamma).</summary>
    public double SpendRate { get; } = spendRate;

    /// <summary>Where the satisfaction drifts back to.</summary>
    public double BaselineSatisfaction { get; } = baselineSatisfaction;

    /// <summary>Current satisfaction, −1 to 1: shifts the tone of what they say and drives complaints.</summary>
    public double Satisfaction { get; set; } = baselineSatisfaction;

    /// <summary>Share of digital activity on the mobile app rather than the web site.</summary>
    public double MobileShare { get; } = mobileShare;

    /// <summary>A newly acquired customer whose first event will be the signup.</summary>
    public bool PendingSignup { get; set; } = pendingSignup;

    public int Purchases { get; set; }

    /// <summary>The last purchase's value while it can still be refunded; null otherwise.</summary>
    public decimal? RefundableAmount { get; set; }
}
