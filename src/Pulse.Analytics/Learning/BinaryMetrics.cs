namespace Pulse.Analytics.Learning;

/// <summary>
/// Measures of a probabilistic binary classifier on held-out rows, computed from the definitions
/// (ties in the ROC curve count one half), so they do not depend on a library's conventions.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve: the chance a random positive scores above a random negative.</summary>
    public static double AreaUnderRoc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var order = Order(scores);
        // Mann-Whitney U with mid-ranks for ties.
        double rankSumPositives = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var midRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    rankSumPositives += midRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// Area under the precision-recall curve as average precision (the step-wise sum scikit-learn's
    /// <c>average_precision_score</c> uses): precision at each distinct threshold, weighted by the recall it adds.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var order = Order(scores);
        Array.Reverse(order);
        long positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        if (positives == 0)
        {
            return double.NaN;
        }

        double sum = 0, previousRecall = 0;
        long truePositives = 0, taken = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                truePositives += labels[order[k]] ? 1 : 0;
                taken++;
            }

            var recall = (double)truePositives / positives;
            var precision = (double)truePositives / taken;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j + 1;
        }

        return sum;
    }

    /// <summary>Brier score: mean squared distance between the predicted probability and the outcome (0 is perfect).</summary>
    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }

        return sum / probabilities.Length;
    }

    /// <summary>Mean log loss (natural log), probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / probabilities.Length;
    }

    /// <summary>Share of rows whose probability is on the right side of one half.</summary>
    public static double Accuracy(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        Check(probabilities, labels);
        var right = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            right += (probabilities[i] >= 0.5) == labels[i] ? 1 : 0;
        }

        return (double)right / probabilities.Length;
    }

    /// <summary>Mean of the F1 scores of both classes, predicting positive at probability ≥ 0.5.</summary>
    public static double MacroF1(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        Check(probabilities, labels);
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var predicted = probabilities[i] >= 0.5;
            (tp, fp, fn, tn) = (predicted, labels[i]) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (true, false) => (tp, fp + 1, fn, tn),
                (false, true) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
        }

        static double F1(long truePositives, long falsePositives, long falseNegatives) =>
            truePositives == 0 ? 0 : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);

        return (F1(tp, fp, fn) + F1(tn, fn, fp)) / 2;
    }

    /// <summary>Share of positive labels.</summary>
    public static double BaseRate(ReadOnlySpan<bool> labels)
    {
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        return labels.IsEmpty ? double.NaN : (double)positives / labels.Length;
    }

    private static int[] Order(ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        return order;
    }

    private static void Check(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.", nameof(labels));
        }

        if (scores.IsEmpty)
        {
            throw new ArgumentException("No rows to measure.", nameof(scores));
        }
    }
}
