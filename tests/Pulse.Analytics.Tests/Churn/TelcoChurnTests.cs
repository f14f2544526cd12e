using Pulse.Analytics.Churn;
using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Tests.Churn;

/// <summary>The churn trainer on IBM's Telco sample with a stratified 20 % holdout.</summary>
public sealed class TelcoChurnTests
{
    private static readonly Lazy<(IReadOnlyList<ChurnObservation> Training, IReadOnlyList<ChurnObservation> Holdout, ChurnTraining Trained)> Run = new(() =>
    {
        var rows = TelcoData.Load();
        var held = StratifiedSplit.Holdout([.. rows.Select(r => r.Churned)], 0.2, 7);
        var training = rows.Where((_, i) => !held.Contains(i)).ToList();
        var holdout = rows.Where((_, i) => held.Contains(i)).ToList();
        return (training, holdout, ChurnTrainer.Train(training, holdout));
    });

    [Fact]
    public void Held_out_auc_reaches_083()
    {
        // A well-tuned gradient-boosted model reaches about 0.84 on this data (issue 5); aim at 0.83 or above.
        var metrics = Run.Value.Trained.Metrics;
        Assert.True(metrics.AreaUnderRoc >= 0.83, $"AUC {metrics.AreaUnderRoc:F4}");
        Assert.True(metrics.AreaUnderPrecisionRecall > 2 * metrics.BaseRate, $"PR-AUC {metrics.AreaUnderPrecisionRecall:F4} against a base rate of {metrics.BaseRate:F4}");
        Assert.InRange(metrics.BaseRate, 0.25, 0.28); // 1,869 of 7,043 churned.
        Assert.True(metrics.Brier < metrics.BaseRate * (1 - metrics.BaseRate), $"Brier {metrics.Brier:F4} is no better than always saying the base rate");
        Assert.Equal(1409, metrics.HoldoutRows);
    }

    [Fact]
    public void Attributes_become_numeric_and_one_hot_slots()
    {
        var space = Run.Value.Trained.Artifact.Details<ChurnDetails>().FeatureSpace;
        Assert.Contains(space.Slots, s => s.Name == "attr:tenure" && s.Source == ChurnFeatureSource.NumericAttribute);
        Assert.Contains(space.Slots, s => s.Name == "attr:Contract=Month-to-month" && s.Source == ChurnFeatureSource.CategoryAttribute);

        // TotalCharges is blank for 11 new customers: still numeric, blank encoded as missing.
        Assert.Contains(space.Slots, s => s.Name == "attr:TotalCharges" && s.Source == ChurnFeatureSource.NumericAttribute);
        Assert.DoesNotContain(space.Slots, s => s.Attribute is "customerID" or "Churn");
    }

    [Fact]
    public void The_explainer_reproduces_mlnets_raw_score_and_its_credits_add_up()
    {
        var artifact = Run.Value.Trained.Artifact;
        var details = artifact.Details<ChurnDetails>();
        var ml = new Microsoft.ML.MLContext(1);
        using var stream = new MemoryStream(artifact.MlNetModel);
        var model = ml.Model.Load(stream, out _);
        var engine = ml.Model.CreatePredictionEngine<ChurnInput, ChurnPrediction>(model, inputSchemaDefinition: ChurnTrainer.Schema(details.FeatureSpace.Count));
        var contributions = new double[details.FeatureSpace.Count];
        foreach (var row in Run.Value.Holdout.Take(300))
        {
            var features = new float[details.FeatureSpace.Count];
            details.FeatureSpace.Encode(row.Behaviour, row.Attributes, features);
            var raw = details.Explainer.Explain(features, contributions);
            Assert.Equal(engine.Predict(new ChurnInput { Features = features }).Score, raw, 3);
            Assert.Equal(details.Explainer.Score(features), raw, 9);
            Assert.Equal(raw - details.Explainer.ExpectedScore, contributions.Sum(), 6);
        }
    }

    [Fact]
    public void The_live_path_gives_mlnets_probability_from_one_walk_of_the_trees()
    {
        // Assess takes the probability from the explainer's raw score and the model's Platt calibrator
        // instead of asking ML.NET to walk the trees again: it must be ML.NET's probability.
        var model = ChurnModel.Load(Run.Value.Trained.Artifact);
        var worst = 0.0;
        foreach (var row in Run.Value.Holdout)
        {
            var engine = model.Probability(row.Behaviour, row.Attributes);
            var live = model.Assess(row.Behaviour, row.Attributes).Probability;
            worst = Math.Max(worst, Math.Abs(engine - live));
        }

        Assert.True(worst < 1e-6, $"largest difference {worst:E2} over {Run.Value.Holdout.Count} customers");
    }

    [Fact]
    public void Reasons_name_what_drives_a_risky_customer_in_words()
    {
        var model = ChurnModel.Load(Run.Value.Trained.Artifact);

        // New, month-to-month, fibre, electronic check: the textbook churner in this data.
        var risky = Run.Value.Holdout.First(r => r.Attributes["Contract"] == "Month-to-month" && r.Attributes["tenure"] == "1" && r.Attributes["InternetService"] == "Fiber optic");
        var assessment = model.Assess(risky.Behaviour, risky.Attributes);
        Assert.True(assessment.Probability > 0.5, $"p = {assessment.Probability:F3}");
        Assert.Equal(3, assessment.Reasons.Count);
        Assert.All(assessment.Reasons, r => Assert.True(r.Contribution > 0, $"{r.Text} lowers the risk"));
        Assert.Contains(assessment.Reasons, r => r.Text == "Contract is Month-to-month" || r.Text == "tenure is 1");
        Assert.Equal(model.Probability(risky.Behaviour, risky.Attributes), assessment.Probability, 6);

        // A two-year contract lowers the risk and says so.
        var loyal = Run.Value.Holdout.First(r => r.Attributes["Contract"] == "Two year" && int.Parse(r.Attributes["tenure"], System.Globalization.CultureInfo.InvariantCulture) > 60);
        var calm = model.Assess(loyal.Behaviour, loyal.Attributes);
        Assert.True(calm.Probability < 0.1, $"p = {calm.Probability:F3}");
        Assert.Contains(calm.Reasons, r => r.Contribution < 0);
    }
}
