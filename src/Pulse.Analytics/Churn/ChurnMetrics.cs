namespace Pulse.Analytics.Churn;

/// <summary>Held-out measures of a churn model.</summary>
/// <param name="AreaUnderRoc">AUC.</param>
/// <param name="AreaUnderPrecisionRecall">PR-AUC as average precision.</param>
/// <param name="Brier">Mean squared error of the probabilities (calibration and sharpness together).</param>
/// <param name="LogLoss">Mean log loss.</param>
/// <param name="BaseRate">Share of held-out rows that churned (a PR-AUC of this is chance).</param>
/// <param name="CalibrationError">Expected calibration error over ten probability bins.</param>
public sealed record ChurnMetrics(
    double AreaUnderRoc,
    double AreaUnderPrecisionRecall,
    double Brier,
    double LogLoss,
    double BaseRate,
    double CalibrationError,
    int TrainingRows,
    int HoldoutRows)
{
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["auc"] = AreaUnderRoc,
        ["pr-auc"] = AreaUnderPrecisionRecall,
        ["brier"] = Brier,
        ["log-loss"] = LogLoss,
        ["base-rate"] = BaseRate,
        ["calibration-error"] = CalibrationError,
    };
}
