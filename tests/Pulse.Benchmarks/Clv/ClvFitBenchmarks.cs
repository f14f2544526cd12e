using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Clv;

namespace Pulse.Benchmarks.Clv;

/// <summary>
/// Fitting BG/NBD by maximum likelihood over customers counted by identical (x, tₓ, T). Targets (issue 4):
/// the full CDNOW master (23,570 customers, weeks) in at most 20 ms; 1,000,000 customers, merging
/// included, in at most 0.25 s.
/// </summary>
[MemoryDiagnoser]
public class ClvFitBenchmarks
{
    private const int Partitions = 8;
    private const int SyntheticCustomers = 1_000_000;

    // Fader, Hardie & Lee (2005), section 5: the CDNOW fit.
    private static readonly BgNbdModel Cdnow = new(0.243, 4.414, 0.793, 2.426);

    private RfmPoint[] _master = [];
    private RfmHistogram _masterHistogram = new();
    private RfmPoint[] _synthetic = [];

    [GlobalSetup]
    public void Setup()
    {
        _master = [.. CdnowMaster.Customers().Select(c => c.Point)];
        _masterHistogram = RfmHistogram.From(_master);
        _synthetic = BgNbdSimulation.Customers(Cdnow, SyntheticCustomers, seed: 4);
        var synthetic = RfmHistogram.From(_synthetic);
        Console.WriteLine($"// CDNOW master: {_masterHistogram.Customers:N0} customers, {_masterHistogram.Distinct:N0} distinct triples");
        Console.WriteLine($"// synthetic: {synthetic.Customers:N0} customers, {synthetic.Distinct:N0} distinct triples");
    }

    /// <summary>BG/NBD on the CDNOW master, histogram already built.</summary>
    [Benchmark]
    public ModelFit FitMaster() => BgNbdModel.Fit(_masterHistogram);

    /// <summary>BG/NBD on the CDNOW master, counting the 23,570 customers' triples first.</summary>
    [Benchmark]
    public ModelFit CountAndFitMaster() => BgNbdModel.Fit(RfmHistogram.From(_master));

    /// <summary>1,000,000 customers counted in 8 partial histograms (one per silo, say), merged, and fitted.</summary>
    [Benchmark]
    public ModelFit MergeAndFitMillion() => BgNbdModel.Fit(Merged());

    /// <summary>The counting and merging of the 1,000,000 customers alone.</summary>
    [Benchmark]
    public long MergeMillion() => Merged().Customers;

    private RfmHistogram Merged()
    {
        var total = new RfmHistogram();
        var size = _synthetic.Length / Partitions;
        for (var part = 0; part < Partitions; part++)
        {
            var partial = new RfmHistogram();
            foreach (var point in _synthetic.AsSpan(part * size, part == Partitions - 1 ? _synthetic.Length - (part * size) : size))
            {
                partial.Add(point);
            }

            total.Merge(partial);
        }

        return total;
    }
}
