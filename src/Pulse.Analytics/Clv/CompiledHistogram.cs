namespace Pulse.Analytics.Clv;

/// <summary>
/// A histogram laid out for repeated likelihood evaluation: one entry per distinct triple, indices into
/// the distinct values of T and tₓ (terms such as ln(α+T) are computed once per distinct value per
/// evaluation), and per-frequency scratch for terms that depend on x alone.
/// </summary>
internal sealed class CompiledHistogram
{
    public CompiledHistogram(RfmHistogram histogram)
    {
        var entries = histogram.Counts.ToArray();
        var distinctT = entries.Select(e => e.Key.T).Distinct().Order().ToArray();
        var distinctTx = entries.Select(e => e.Key.Recency).Distinct().Order().ToArray();
        var tIndex = distinctT.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var txIndex = distinctTx.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);

        Frequencies = [.. entries.Select(e => e.Key.Frequency)];
        Weights = [.. entries.Select(e => (double)e.Value)];
        TIndex = [.. entries.Select(e => tIndex[e.Key.T])];
        TxIndex = [.. entries.Select(e => txIndex[e.Key.Recency])];
        Recencies = [.. entries.Select(e => e.Key.Recency)];
        Ts = [.. entries.Select(e => e.Key.T)];
        DistinctT = distinctT;
        DistinctTx = distinctTx;
        MaxFrequency = Frequencies.Length == 0 ? 0 : Frequencies.Max();
        HasFrequency = new bool[MaxFrequency + 1];
        foreach (var x in Frequencies)
        {
            HasFrequency[x] = true;
        }

        PerFrequency = new FrequencyTerms[MaxFrequency + 1];
        LnScratchT = new double[distinctT.Length];
        InvScratchT = new double[distinctT.Length];
        LnScratchTx = new double[distinctTx.Length];
        InvScratchTx = new double[distinctTx.Length];
        MeanT = entries.Length == 0 ? 1 : entries.Sum(e => e.Key.T * e.Value) / histogram.Customers;
    }

    public int[] Frequencies { get; }

    public double[] Weights { get; }

    public int[] TIndex { get; }

    public int[] TxIndex { get; }

    public double[] Recencies { get; }

    public double[] Ts { get; }

    public double[] DistinctT { get; }

    public double[] DistinctTx { get; }

    public int MaxFrequency { get; }

    public bool[] HasFrequency { get; }

    public double MeanT { get; }

    public FrequencyTerms[] PerFrequency { get; }

    public double[] LnScratchT { get; }

    public double[] InvScratchT { get; }

    public double[] LnScratchTx { get; }

    public double[] InvScratchTx { get; }

    /// <summary>Likelihood terms that depend on the frequency alone.</summary>
    public struct FrequencyTerms
    {
        public double Constant;
        public double DConstantDr;
        public double DConstantDa;
        public double DConstantDb;
        public double LnAOverBx;
        public double InvBx;
    }
}
