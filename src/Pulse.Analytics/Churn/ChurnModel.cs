using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Churn;

/// <summary>
/// A loaded churn model. <see cref="Probability"/> asks ML.NET (engines pooled per process: a
/// <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe). <see cref="Assess"/>, the live path,
/// walks the trees once with the shipped <see cref="TreeExplainer"/>: the same walk gives the raw score
/// (equal to ML.NET's, tested) and the credits, and the model's own Platt calibrator turns the score
/// into the probability, so the trees are not walked a second time by ML.NET (that halved the cost; see
/// docs/decisions.md). Credits of one attribute's categories are summed into one reason. Safe to share
/// between threads.
/// </summary>
public sealed class ChurnModel
{
    private readonly EnginePool<Worker> _workers;
    private readonly int[] _groupOfSlot;
    private readonly ChurnFeatureSlot[] _groupSlot;
    private readonly double _slope;
    private readonly double _offset;

    private ChurnModel(ModelArtifact artifact, ChurnDetails details, ITransformer model, MLContext ml)
    {
        Artifact = artifact;
        Details = details;
        var schema = ChurnTrainer.Schema(details.FeatureSpace.Count);
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupSlots = new List<ChurnFeatureSlot>();
        _groupOfSlot = new int[details.FeatureSpace.Count];
        for (var i = 0; i < _groupOfSlot.Length; i++)
        {
            var slot = details.FeatureSpace.Slots[i];
            var key = slot.Source == ChurnFeatureSource.Behaviour ? slot.Name : $"attr:{slot.Attribute}";
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = groupSlots.Count;
                groupSlots.Add(slot);
            }

            _groupOfSlot[i] = group;
        }

        _groupSlot = [.. groupSlots];
        (_slope, _offset) = Calibration(model);
        _workers = new EnginePool<Worker>(() => new Worker(
            ml.Model.CreatePredictionEngine<ChurnInput, ChurnPrediction>(model, inputSchemaDefinition: schema),
            details.FeatureSpace.Count,
            _groupSlot.Length));
    }

    public ModelArtifact Artifact { get; }

    public ChurnDetails Details { get; }

    public static ChurnModel Load(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Manifest.Kind != ChurnTrainer.Kind)
        {
            throw new InvalidDataException($"The artifact is a '{artifact.Manifest.Kind}' model, not a churn model.");
        }

        var details = artifact.Details<ChurnDetails>();
        var ml = new MLContext(artifact.Manifest.Seed);
        using var stream = new MemoryStream(artifact.MlNetModel, writable: false);
        var model = ml.Model.Load(stream, out _);
        return new ChurnModel(artifact, details, model, ml);
    }

    /// <summary>The probability of churn alone.</summary>
    public double Probability(ReadOnlySpan<double> behaviour, IReadOnlyDictionary<string, string>? attributes)
    {
        var copy = behaviour.ToArray();
        return _workers.Use((Model: this, Behaviour: copy, Attributes: attributes), static (worker, s) =>
        {
            s.Model.Details.FeatureSpace.Encode(s.Behaviour, s.Attributes, worker.Input.Features);
            worker.Engine.Predict(worker.Input, ref worker.Output);
            return (double)worker.Output.Probability;
        });
    }

    /// <summary>The probability of churn and the <paramref name="reasons"/> strongest reasons, by the size of their credit.</summary>
    public ChurnAssessment Assess(double[] behaviour, IReadOnlyDictionary<string, string>? attributes, int reasons = 3)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        return _workers.Use((Model: this, Behaviour: behaviour, Attributes: attributes, Reasons: reasons), static (worker, s) =>
            s.Model.Assess(worker, s.Behaviour, s.Attributes, s.Reasons));
    }

    private ChurnAssessment Assess(Worker worker, double[] behaviour, IReadOnlyDictionary<string, string>? attributes, int reasons)
    {
        var features = worker.Input.Features;
        Details.FeatureSpace.Encode(behaviour, attributes, features);
        var score = Details.Explainer.Explain(features, worker.Contributions);
        var probability = Calibrate(score);

        var groups = worker.Groups;
        Array.Clear(groups);
        for (var i = 0; i < features.Length; i++)
        {
            groups[_groupOfSlot[i]] += worker.Contributions[i];
        }

        var chosen = new List<ChurnReason>(reasons);
        Span<bool> taken = groups.Length <= 256 ? stackalloc bool[groups.Length] : new bool[groups.Length];
        for (var r = 0; r < reasons; r++)
        {
            var best = -1;
            for (var g = 0; g < groups.Length; g++)
            {
                if (!taken[g] && groups[g] != 0 && (best < 0 || Math.Abs(groups[g]) > Math.Abs(groups[best])))
                {
                    best = g;
                }
            }

            if (best < 0)
            {
                break;
            }

            taken[best] = true;
            chosen.Add(Reason(_groupSlot[best], groups[best], behaviour, attributes));
        }

        return new ChurnAssessment(probability, chosen);
    }

    /// <summary>ML.NET's Platt calibrator: p = 1 / (1 + e^(slope·score + offset)), in single precision as ML.NET computes it.</summary>
    internal double Calibrate(double score) => (float)(1 / (1 + Math.Exp((_slope * (float)score) + _offset)));

    private static (double Slope, double Offset) Calibration(ITransformer model)
    {
        var last = model is TransformerChain<ITransformer> chain ? chain.LastTransformer : model;
        return last is BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> calibrated
            ? (calibrated.Model.Calibrator.Slope, calibrated.Model.Calibrator.Offset)
            : throw new InvalidDataException($"Expected a Platt-calibrated FastTree model, found {last.GetType().Name}.");
    }

    private static ChurnReason Reason(ChurnFeatureSlot slot, double contribution, double[] behaviour, IReadOnlyDictionary<string, string>? attributes)
    {
        if (slot.Source == ChurnFeatureSource.Behaviour)
        {
            var feature = slot.Behaviour!.Value;
            return new ChurnReason(slot.Name, contribution, BehaviourFeatures.Describe(feature, behaviour[(int)feature]));
        }

        var name = slot.Attribute!;
        var text = attributes is not null && attributes.TryGetValue(name, out var value) && value.Trim().Length > 0
            ? $"{name} is {value.Trim()}"
            : $"{name} not set";
        return new ChurnReason(name, contribution, text);
    }

    private sealed class Worker(PredictionEngine<ChurnInput, ChurnPrediction> engine, int features, int groups)
    {
        public PredictionEngine<ChurnInput, ChurnPrediction> Engine { get; } = engine;

        public ChurnInput Input { get; } = new() { Features = new float[features] };

#pragma warning disable SA1401, CA1051 // Predict fills it by reference.
        public ChurnPrediction Output = new();
#pragma warning restore SA1401, CA1051

        public double[] Contributions { get; } = new double[features];

        public double[] Groups { get; } = new double[groups];
    }
}
