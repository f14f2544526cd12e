namespace Pulse.Analytics.Clv;

/// <summary>
/// How one model, fitted on the calibration period, predicted the holdout: its fit (parameters and
/// calibration log-likelihood), the mean absolute and root-mean-square error of its per-customer
/// predictions of holdout purchases, and the holdout purchases it predicted in total.
/// </summary>
public sealed record HoldoutModelScore(
    string Model,
    ModelFit Fit,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    double PredictedTotal);
