using Pulse.Analytics.Learning;
using Pulse.Analytics.Sentiment;

namespace Pulse.Analytics.Tests.Sentiment;

/// <summary>On the UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015; Data/sentiment/SOURCE.md).</summary>
public sealed class SentimentTrainerTests
{
    private static readonly Lazy<IReadOnlyList<LabelledSentence>> Sentences = new(() => LabelledSentences.ReadDirectory(Path.Combine(AppContext.BaseDirectory, "Data", "sentiment")));
    private static readonly Lazy<SentimentTraining> Trained = new(() => SentimentTrainer.Train(Sentences.Value));

    [Fact]
    public void The_data_reads_as_three_thousand_balanced_sentences()
    {
        Assert.Equal(3000, Sentences.Value.Count);
        Assert.Equal(1500, Sentences.Value.Count(s => s.Positive));

        // Lines with literal quotes stay whole (the "748 imdb rows" trap of quote-aware readers).
        Assert.Contains(Sentences.Value, s => s.Text.Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public void Held_out_accuracy_and_macro_f1_reach_080()
    {
        var metrics = Trained.Value.Metrics;
        Assert.Equal(600, metrics.HoldoutRows);
        Assert.Equal(2400, metrics.TrainingRows);
        Assert.True(metrics.Accuracy >= 0.80, $"accuracy {metrics.Accuracy:F4}");
        Assert.True(metrics.MacroF1 >= 0.80, $"macro-F1 {metrics.MacroF1:F4}");
        Assert.Equal(metrics.Accuracy, Trained.Value.Artifact.Manifest.Metrics["accuracy"]);
    }

    [Fact]
    public void Scores_lie_on_minus_one_to_one_with_the_right_sign()
    {
        var model = SentimentModel.Load(Trained.Value.Artifact);
        var angry = model.Score("Terrible service, the agent was rude and my order arrived broken.");
        var happy = model.Score("Great service, friendly staff and everything arrived quickly. Love it!");
        Assert.InRange(angry, -1, -0.2);
        Assert.InRange(happy, 0.2, 1);
    }

    [Fact]
    public void The_same_data_and_seed_train_the_same_model_and_the_artifact_round_trips()
    {
        var again = SentimentTrainer.Train(Sentences.Value);
        var first = SentimentModel.Load(ModelArtifact.FromBytes(Trained.Value.Artifact.ToBytes()));
        var second = SentimentModel.Load(again.Artifact);
        Assert.Equal(Trained.Value.Metrics, again.Metrics);
        Assert.Equal(Trained.Value.Artifact.Manifest.Data, again.Artifact.Manifest.Data);
        foreach (var sentence in Sentences.Value.Take(200))
        {
            Assert.Equal(first.Probability(sentence.Text), second.Probability(sentence.Text));
        }
    }

    [Fact]
    public void A_churn_artifact_is_refused_as_a_sentiment_model()
    {
        var manifest = Trained.Value.Artifact.Manifest with { Kind = "churn" };
        var error = Assert.Throws<InvalidDataException>(() => SentimentModel.Load(Trained.Value.Artifact with { Manifest = manifest }));
        Assert.Contains("not a sentiment model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes_are_not_an_artifact() =>
        Assert.Throws<InvalidDataException>(() => ModelArtifact.FromBytes("not a zip"u8));
}
