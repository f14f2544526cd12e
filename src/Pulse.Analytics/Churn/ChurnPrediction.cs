namespace Pulse.Analytics.Churn;

/// <summary>ML.NET's output for a row: the raw score and its calibrated probability.</summary>
public sealed class ChurnPrediction
{
    public float Score { get; set; }

    public float Probability { get; set; }
}
