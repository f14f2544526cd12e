namespace Pulse.Analytics.Sentiment;

/// <summary>ML.NET's output for a sentence: the calibrated probability that it is positive.</summary>
public sealed class SentimentPrediction
{
    public float Probability { get; set; }
}
