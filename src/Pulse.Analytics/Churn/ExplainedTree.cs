namespace Pulse.Analytics.Churn;

/// <summary>
/// One regression tree as ML.NET's FastTree lays it out: internal nodes 0..n−1 with a feature and a
/// threshold (go left when the value is at most the threshold), children as node indices or, when
/// negative, as the bitwise complement of a leaf index; and the mean training output below each node.
/// </summary>
public sealed record ExplainedTree(
    int[] Left,
    int[] Right,
    int[] Features,
    float[] Thresholds,
    double[] LeafValues,
    double[] NodeMeans)
{
    /// <summary>The leaf a row falls into.</summary>
    public int Leaf(ReadOnlySpan<float> features)
    {
        if (Left.Length == 0)
        {
            return 0;
        }

        var node = 0;
        while (true)
        {
            var next = features[Features[node]] <= Thresholds[node] ? Left[node] : Right[node];
            if (next < 0)
            {
                return ~next;
            }

            node = next;
        }
    }
}
