namespace Pulse.Analytics.Clv;

/// <summary>
/// A repeat-purchase model as a calibration/holdout comparison uses it: a name, a maximum-likelihood
/// fit on a histogram of calibration triples, and, from a fit, the conditional expectation
/// E[Y(t) | x, tₓ, T] of a customer's purchases in the next t periods.
/// </summary>
public sealed record RepeatPurchaseModel(
    string Name,
    Func<RfmHistogram, ModelFit> Fit,
    Func<ModelFit, Func<double, RfmPoint, double>> Predictor)
{
    /// <summary>Fader, Hardie &amp; Lee (2005).</summary>
    public static RepeatPurchaseModel BgNbd { get; } = new(
        "BG/NBD",
        customers => BgNbdModel.Fit(customers),
        fit => BgNbdModel.From(fit).ExpectedPurchases);

    /// <summary>Schmittlein, Morrison &amp; Colombo (1987).</summary>
    public static RepeatPurchaseModel ParetoNbd { get; } = new(
        "Pareto/NBD",
        customers => ParetoNbdModel.Fit(customers),
        fit => ParetoNbdModel.From(fit).ExpectedPurchases);

    /// <summary>The models a holdout report compares, in display order.</summary>
    public static IReadOnlyList<RepeatPurchaseModel> All { get; } = [BgNbd, ParetoNbd];
}
