using Microsoft.ML;
using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Sentiment;

/// <summary>
/// A loaded sentiment model: scores what a customer said on [-1, 1] (2p − 1, p the calibrated
/// probability that it is positive). Safe to share between threads: engines come from a pool.
/// </summary>
public sealed class SentimentModel
{
    private readonly EnginePool<PredictionEngine<SentimentInput, SentimentPrediction>> _engines;

    private SentimentModel(ModelArtifact artifact, ITransformer model, MLContext ml)
    {
        Artifact = artifact;
        _engines = new EnginePool<PredictionEngine<SentimentInput, SentimentPrediction>>(() => ml.Model.CreatePredictionEngine<SentimentInput, SentimentPrediction>(model));
    }

    public ModelArtifact Artifact { get; }

    public static SentimentModel Load(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Manifest.Kind != SentimentTrainer.Kind)
        {
            throw new InvalidDataException($"The artifact is a '{artifact.Manifest.Kind}' model, not a sentiment model.");
        }

        var ml = new MLContext(artifact.Manifest.Seed);
        using var stream = new MemoryStream(artifact.MlNetModel, writable: false);
        var model = ml.Model.Load(stream, out _);
        return new SentimentModel(artifact, model, ml);
    }

    /// <summary>The probability that <paramref name="text"/> is positive.</summary>
    public double Probability(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _engines.Use(text, static (engine, t) => (double)engine.Predict(new SentimentInput { Text = t }).Probability);
    }

    /// <summary>The sentiment of <paramref name="text"/> on [-1, 1]: −1 surely negative, 1 surely positive.</summary>
    public double Score(string text) => Math.Clamp(2 * Probability(text) - 1, -1, 1);
}
