using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Churn;

/// <summary>
/// Trains the churn classifier: ML.NET FastTree (gradient-boosted trees, Platt-calibrated) on the
/// encoded rows, one thread so the same rows and seed give the same model; measures it on the rows
/// held out; and ships the explainer tables with it.
/// </summary>
public static class ChurnTrainer
{
    public const string Kind = "churn";

    public static ChurnTraining Train(IReadOnlyList<ChurnObservation> training, IReadOnlyList<ChurnObservation> holdout, ChurnTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(holdout);
        options ??= new ChurnTrainingOptions();
        RequireBothClasses(training, nameof(training));
        RequireBothClasses(holdout, nameof(holdout));

        var space = ChurnFeatureSpace.Learn(training.Select(o => o.Attributes), options.ExcludedAttributes, options.MaxCategories);
        var rows = training.Select(o => Encode(space, o)).ToArray();
        var ml = new MLContext(options.Seed);
        var schema = Schema(space.Count);
        var data = ml.Data.LoadFromEnumerable(rows.Select((r, i) => new ChurnInput { Features = r, Label = training[i].Churned }), schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            NumberOfThreads = 1,
            LabelColumnName = nameof(ChurnInput.Label),
            FeatureColumnName = nameof(ChurnInput.Features),
        });
        var model = trainer.Fit(data);
        var explainer = TreeExplainer.Build(EnsembleOf(model), rows);
        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);

        var details = new ChurnDetails(space, explainer, options.LabelDescription, options.SplitDescription);
        var manifest = new ModelManifest(
            ModelManifest.CurrentFormat,
            Kind,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ML.NET FastTree: {options.Trees} trees, {options.Leaves} leaves, rate {options.LearningRate}, ≥{options.MinimumRowsPerLeaf} rows a leaf; Platt-calibrated"),
            options.Seed,
            DateTimeOffset.UtcNow,
            new TrainingData(options.DataDescription, Fingerprint(training, holdout), training.Count, holdout.Count),
            new Dictionary<string, double>(),
            ModelArtifact.ToDetails(details));
        var provisional = new ModelArtifact(manifest, saved.ToArray());
        var scorer = ChurnModel.Load(provisional);
        var probabilities = holdout.Select(o => scorer.Probability(o.Behaviour, o.Attributes)).ToArray();
        var labels = holdout.Select(o => o.Churned).ToArray();
        var metrics = new ChurnMetrics(
            BinaryMetrics.AreaUnderRoc(probabilities, labels),
            BinaryMetrics.AveragePrecision(probabilities, labels),
            BinaryMetrics.Brier(probabilities, labels),
            BinaryMetrics.LogLoss(probabilities, labels),
            BinaryMetrics.BaseRate(labels),
            CalibrationError(probabilities, labels),
            training.Count,
            holdout.Count);
        return new ChurnTraining(provisional with { Manifest = manifest with { Metrics = metrics.ToDictionary() } }, metrics);
    }

    internal static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(ChurnInput));
        schema[nameof(ChurnInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    internal static RegressionTreeEnsemble EnsembleOf(ITransformer model) =>
        model is BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> calibrated
            ? calibrated.Model.SubModel.TrainedTreeEnsemble
            : throw new InvalidDataException($"Expected a calibrated FastTree model, found {model.GetType().Name}.");

    /// <summary>Expected calibration error: the row-weighted gap between mean probability and churn rate in ten equal-width bins.</summary>
    internal static double CalibrationError(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var sums = new double[10];
        var hits = new double[10];
        var counts = new int[10];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var bin = Math.Min(9, (int)(probabilities[i] * 10));
            sums[bin] += probabilities[i];
            hits[bin] += labels[i] ? 1 : 0;
            counts[bin]++;
        }

        double error = 0;
        for (var b = 0; b < 10; b++)
        {
            if (counts[b] > 0)
            {
                error += Math.Abs(sums[b] - hits[b]) / probabilities.Count;
            }
        }

        return error;
    }

    private static float[] Encode(ChurnFeatureSpace space, ChurnObservation observation)
    {
        var features = new float[space.Count];
        space.Encode(observation.Behaviour, observation.Attributes, features);
        return features;
    }

    private static void RequireBothClasses(IReadOnlyList<ChurnObservation> rows, string name)
    {
        var churned = rows.Count(r => r.Churned);
        if (churned == 0 || churned == rows.Count)
        {
            throw new ArgumentException($"The {name} rows need customers who churned and customers who stayed; they have {churned} of {rows.Count} churned.", name);
        }
    }

    private static string Fingerprint(IReadOnlyList<ChurnObservation> training, IReadOnlyList<ChurnObservation> holdout)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in training.Concat(holdout))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(row.CustomerId));
            hash.AppendData(BitConverter.GetBytes(row.CutOff.UtcTicks));
            foreach (var value in row.Behaviour)
            {
                hash.AppendData(BitConverter.GetBytes(value));
            }

            foreach (var (name, value) in row.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"{name}={value};"));
            }

            hash.AppendData(row.Churned ? "1"u8 : "0"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
