using Pulse.Analytics.Learning;

namespace Pulse.Analytics.Tests.Learning;

public sealed class BinaryMetricsTests
{
    // scikit-learn's documentation examples for roc_auc_score and average_precision_score use
    // y_true = [0, 0, 1, 1], y_score = [0.1, 0.4, 0.35, 0.8] and print 0.75 and 0.8333...
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] Labels = [false, false, true, true];

    [Fact]
    public void Area_under_roc_matches_scikit_learns_documented_example() =>
        Assert.Equal(0.75, BinaryMetrics.AreaUnderRoc(Scores, Labels), 12);

    [Fact]
    public void Average_precision_matches_scikit_learns_documented_example() =>
        Assert.Equal(0.8333333333333333, BinaryMetrics.AveragePrecision(Scores, Labels), 12);

    [Fact]
    public void Area_under_roc_counts_ties_as_one_half()
    {
        // Every positive ties with every negative: chance.
        Assert.Equal(0.5, BinaryMetrics.AreaUnderRoc([0.3, 0.3, 0.3, 0.3], [true, false, true, false]), 12);

        // Brute force over pairs on a random sample with ties.
        var random = new Random(5);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s).ToArray();
        double wins = 0, pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        Assert.Equal(wins / pairs, BinaryMetrics.AreaUnderRoc(scores, labels), 12);
    }

    [Fact]
    public void Brier_log_loss_and_macro_f1_follow_their_definitions()
    {
        double[] p = [0.9, 0.2, 0.6, 0.4];
        bool[] y = [true, false, false, true];
        Assert.Equal((0.01 + 0.04 + 0.36 + 0.36) / 4, BinaryMetrics.Brier(p, y), 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.4)) / 4, BinaryMetrics.LogLoss(p, y), 12);

        // Predicted [1, 0, 1, 0]: positives tp 1, fp 1, fn 1 → F1 0.5; negatives likewise 0.5.
        Assert.Equal(0.5, BinaryMetrics.MacroF1(p, y), 12);
        Assert.Equal(0.5, BinaryMetrics.Accuracy(p, y), 12);
    }

    [Fact]
    public void Mismatched_lengths_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Brier([0.5], [true, false]));
        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Stratified_split_keeps_each_class_share_and_depends_only_on_the_seed()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 4 == 0).ToArray();
        var held = StratifiedSplit.Holdout(labels, 0.2, 11);
        Assert.Equal(50, held.Count(i => labels[i]));
        Assert.Equal(150, held.Count(i => !labels[i]));
        Assert.Equal(held.Order(), StratifiedSplit.Holdout(labels, 0.2, 11).Order());
        Assert.NotEqual(held.Order(), StratifiedSplit.Holdout(labels, 0.2, 12).Order());
    }
}
