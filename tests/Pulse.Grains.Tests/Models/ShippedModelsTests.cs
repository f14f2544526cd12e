using Pulse.Analytics.Learning;
using Pulse.Analytics.Sentiment;
using Pulse.Grains.Models;

namespace Pulse.Grains.Tests.Models;

/// <summary>The sentiment model inside Pulse is what the training command builds from the data in the repository.</summary>
public sealed class ShippedModelsTests
{
    [Fact]
    public void The_shipped_sentiment_model_is_rebuilt_exactly_by_training_on_the_repositorys_data()
    {
        var shipped = ModelArtifact.FromBytes(ShippedModels.SentimentArtifact());
        var sentences = LabelledSentences.ReadDirectory(Path.Combine(AppContext.BaseDirectory, "Data", "sentiment"));
        var rebuilt = SentimentTrainer.Train(sentences, new SentimentTrainingOptions { Seed = shipped.Manifest.Seed });

        Assert.Equal(SentimentTrainer.Kind, shipped.Manifest.Kind);
        Assert.Equal(shipped.Manifest.Trainer, rebuilt.Artifact.Manifest.Trainer);
        Assert.Equal(shipped.Manifest.Data.Sha256, rebuilt.Artifact.Manifest.Data.Sha256);
        Assert.Equal(shipped.Manifest.Metrics["accuracy"], rebuilt.Metrics.Accuracy);
        Assert.Equal(shipped.Manifest.Metrics["macro-f1"], rebuilt.Metrics.MacroF1);

        var a = SentimentModel.Load(shipped);
        var b = SentimentModel.Load(rebuilt.Artifact);
        foreach (var sentence in sentences.Where((_, i) => i % 10 == 0))
        {
            Assert.Equal(a.Probability(sentence.Text), b.Probability(sentence.Text));
        }
    }
}
