namespace Pulse.Analytics.Churn;

/// <summary>
/// One training row: a customer as they stood at <paramref name="CutOff"/> (behaviour and attributes
/// from before it only), and whether they churned after it.
/// </summary>
public sealed record ChurnObservation(
    string CustomerId,
    DateTimeOffset CutOff,
    double[] Behaviour,
    IReadOnlyDictionary<string, string> Attributes,
    bool Churned);
