namespace Pulse.Analytics.Clv;

/// <summary>
/// A histogram laid out for repeated BG/NBD likelihood evaluation. Terms that are linear in a customer's
/// count are summed once: per distinct frequency (the terms in x alone) and per distinct T (the terms in
/// ln(α+T) and 1/(α+T)). Only customers with repeat purchases need a term of their own (the mixture of
/// "still alive" and "dropped out after the last purchase"), one entry per distinct triple with indices
/// into the distinct values of T and tₓ; per-evaluation scratch sits beside them.
/// </summary>
internal sealed class CompiledHistogram
{
    public CompiledHistogram(RfmHistogram histogram)
    {
        var tIndex = new Dictionary<double, int>();
        var txIndex = new Dictionary<double, int>();
        var byFrequency = new Dictionary<int, double>();
        var weightByT = new List<double>();
        var repeatsByT = new List<double>();
        var repeats = 0;
        double sumT = 0;
        foreach (var (point, count) in histogram.Counts)
        {
            sumT += point.T * count;
            if (!tIndex.TryGetValue(point.T, out var ti))
            {
                tIndex[point.T] = ti = tIndex.Count;
                weightByT.Add(0);
                repeatsByT.Add(0);
            }

            weightByT[ti] += count;
            repeatsByT[ti] += (double)point.Frequency * count;
            byFrequency[point.Frequency] = byFrequency.GetValueOrDefault(point.Frequency) + count;
            if (point.Frequency > 0)
            {
                repeats++;
                txIndex.TryAdd(point.Recency, txIndex.Count);
            }
        }

        RepeatFrequency = new int[repeats];
        RepeatWeight = new double[repeats];
        RepeatTIndex = new int[repeats];
        RepeatTxIndex = new int[repeats];
        var i = 0;
        foreach (var (point, count) in histogram.Counts)
        {
            if (point.Frequency > 0)
            {
                RepeatFrequency[i] = point.Frequency;
                RepeatWeight[i] = count;
                RepeatTIndex[i] = tIndex[point.T];
                RepeatTxIndex[i] = txIndex[point.Recency];
                i++;
            }
        }

        DistinctT = new double[tIndex.Count];
        foreach (var (t, index) in tIndex)
        {
            DistinctT[index] = t;
        }

        DistinctTx = new double[txIndex.Count];
        foreach (var (tx, index) in txIndex)
        {
            DistinctTx[index] = tx;
        }

        WeightByT = [.. weightByT];
        RepeatsByT = [.. repeatsByT];
        Frequencies = [.. byFrequency.Keys.Order()];
        WeightByFrequency = [.. Frequencies.Select(x => byFrequency[x])];
        MaxFrequency = Frequencies.Length == 0 ? 0 : Frequencies[^1];
        MeanT = histogram.Customers == 0 ? 1 : sumT / histogram.Customers;
        LnScratchT = new double[DistinctT.Length];
        InvScratchT = new double[DistinctT.Length];
        LnScratchTx = new double[DistinctTx.Length];
        InvScratchTx = new double[DistinctTx.Length];
        LnAOverBx = new double[MaxFrequency + 1];
        InvBx = new double[MaxFrequency + 1];
    }

    /// <summary>The distinct frequencies, ascending.</summary>
    public int[] Frequencies { get; }

    /// <summary>Customers with each of <see cref="Frequencies"/>.</summary>
    public double[] WeightByFrequency { get; }

    public double[] DistinctT { get; }

    /// <summary>Customers with each of <see cref="DistinctT"/>.</summary>
    public double[] WeightByT { get; }

    /// <summary>Their repeat purchases (Σ count·x) for each of <see cref="DistinctT"/>.</summary>
    public double[] RepeatsByT { get; }

    /// <summary>The distinct recencies of customers with repeat purchases.</summary>
    public double[] DistinctTx { get; }

    /// <summary>Per distinct triple with x &gt; 0: x.</summary>
    public int[] RepeatFrequency { get; }

    /// <summary>Per distinct triple with x &gt; 0: customers.</summary>
    public double[] RepeatWeight { get; }

    public int[] RepeatTIndex { get; }

    public int[] RepeatTxIndex { get; }

    public int MaxFrequency { get; }

    public double MeanT { get; }

    public double[] LnScratchT { get; }

    public double[] InvScratchT { get; }

    public double[] LnScratchTx { get; }

    public double[] InvScratchTx { get; }

    /// <summary>Scratch by x: ln(a/(b+x−1)).</summary>
    public double[] LnAOverBx { get; }

    /// <summary>Scratch by x: 1/(b+x−1).</summary>
    public double[] InvBx { get; }
}
