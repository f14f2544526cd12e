namespace Pulse.Analytics.Sentiment;

/// <summary>How a sentiment model is trained: the seed of the holdout split and of the learner, and the share held out.</summary>
public sealed record SentimentTrainingOptions
{
    public int Seed { get; init; } = 20151001;

    public double HoldoutShare { get; init; } = 0.2;

    /// <summary>Words of the data set, for the manifest (a path, a name).</summary>
    public string DataDescription { get; init; } = "labelled sentences";
}
