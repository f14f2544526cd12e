using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Sentiment;

/// <summary>
/// Trains the sentiment classifier: ML.NET's text featuriser (lower-cased word uni- and bigrams and
/// character 4-grams, TF-IDF weighted, L2-normalised) and an L2-regularised logistic regression by
/// L-BFGS on one thread, so the same data and seed give the same model. A stratified share is held out
/// and measured. On five seeded 80/20 splits of the UCI sentences this scored 0.818–0.840 accuracy where
/// plain counts with SDCA scored 0.790–0.823 (docs/models.md).
/// </summary>
public static class SentimentTrainer
{
    public const string Kind = "sentiment";
    public const string Description = "ML.NET FeaturizeText (word 1-2-grams, char 4-grams, TF-IDF, L2) + LbfgsLogisticRegression (L2 0.01, 1 thread)";

    public static SentimentTraining Train(IReadOnlyList<LabelledSentence> sentences, SentimentTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        options ??= new SentimentTrainingOptions();
        if (sentences.Count < 10 || sentences.All(s => s.Positive) || sentences.All(s => !s.Positive))
        {
            throw new ArgumentException("Training needs at least ten sentences of both labels.", nameof(sentences));
        }

        var held = StratifiedSplit.Holdout([.. sentences.Select(s => s.Positive)], options.HoldoutShare, options.Seed);
        var training = new List<SentimentInput>(sentences.Count - held.Count);
        var holdout = new List<LabelledSentence>(held.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            if (held.Contains(i))
            {
                holdout.Add(sentences[i]);
            }
            else
            {
                training.Add(new SentimentInput { Text = sentences[i].Text, Label = sentences[i].Positive });
            }
        }

        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(training);
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", Featurizer(), nameof(SentimentInput.Text))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = 0.01f,
                L1Regularization = 0,
                NumberOfThreads = 1,
                LabelColumnName = nameof(SentimentInput.Label),
            }));
        var model = pipeline.Fit(data);
        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);

        var provisional = new ModelArtifact(Manifest(options, sentences, training.Count, holdout.Count, new Dictionary<string, double>()), saved.ToArray());
        var scorer = SentimentModel.Load(provisional);
        var probabilities = holdout.Select(s => scorer.Probability(s.Text)).ToArray();
        var labels = holdout.Select(s => s.Positive).ToArray();
        var metrics = new SentimentMetrics(
            BinaryMetrics.Accuracy(probabilities, labels),
            BinaryMetrics.MacroF1(probabilities, labels),
            BinaryMetrics.AreaUnderRoc(probabilities, labels),
            training.Count,
            holdout.Count);
        var artifact = provisional with { Manifest = provisional.Manifest with { Metrics = metrics.ToDictionary() } };
        return new SentimentTraining(artifact, metrics);
    }

    private static TextFeaturizingEstimator.Options Featurizer() => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private static ModelManifest Manifest(SentimentTrainingOptions options, IReadOnlyList<LabelledSentence> sentences, int trainingRows, int holdoutRows, IReadOnlyDictionary<string, double> metrics) =>
        new(
            ModelManifest.CurrentFormat,
            Kind,
            Description,
            options.Seed,
            DateTimeOffset.UtcNow,
            new TrainingData(options.DataDescription, Fingerprint(sentences), trainingRows, holdoutRows),
            metrics,
            null);

    private static string Fingerprint(IReadOnlyList<LabelledSentence> sentences)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sentence in sentences)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(sentence.Text));
            hash.AppendData(sentence.Positive ? "\t1\n"u8 : "\t0\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
