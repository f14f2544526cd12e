namespace Pulse.Analytics.Sentiment;

/// <summary>Held-out measures of a sentiment model (positive when the probability is at least one half).</summary>
public sealed record SentimentMetrics(double Accuracy, double MacroF1, double AreaUnderRoc, int TrainingRows, int HoldoutRows)
{
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["accuracy"] = Accuracy,
        ["macro-f1"] = MacroF1,
        ["auc"] = AreaUnderRoc,
    };
}
