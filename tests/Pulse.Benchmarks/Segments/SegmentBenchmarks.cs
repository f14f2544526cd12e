using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Segments;

namespace Pulse.Benchmarks.Segments;

/// <summary>
/// The streaming segmentation's two costs: assigning one point to its nearest centre (every customer
/// update in a pre-aggregator; target ≤ 100 ns at k = 8, d = 16) and one mini-batch of 1,000 points,
/// standardized, assigned and summed, then applied by the model (target ≤ 100 µs). Points come from 8
/// Gaussian clusters in 16 features on raw scales from 1 to 1,000.
/// </summary>
[MemoryDiagnoser]
public class SegmentBenchmarks
{
    private const int K = 8;
    private const int Dimensions = 16;
    private const int Points = 1_000;

    private double[][] _raw = [];
    private double[][] _standardized = [];
    private Centres _centres = null!;
    private StreamingKMeans _model = null!;
    private MiniBatch _filled = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var means = Enumerable.Range(0, K).Select(_ => Enumerable.Range(0, Dimensions).Select(_ => random.NextDouble() * 20).ToArray()).ToArray();
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] Draw() =>
            means[random.Next(K)].Select((m, j) => Math.Pow(10, j % 4) * (m + Gaussian())).ToArray();

        _model = new StreamingKMeans(new StreamingKMeansOptions { K = K, Dimensions = Dimensions, HalfLifeBatches = 20, Seed = 1 });
        for (var b = 0; b < 20; b++)
        {
            var warm = _model.NewBatch();
            for (var i = 0; i < Points; i++)
            {
                warm.Add(Draw());
            }

            _model.Apply(warm);
        }

        _raw = [.. Enumerable.Range(0, Points).Select(_ => Draw())];
        _centres = _model.Centres!.Copy();
        _standardized = [.. _raw.Select(p =>
        {
            var z = new double[Dimensions];
            _model.Published.Standardize(p, z);
            return z;
        })];
        _filled = _model.NewBatch();
        foreach (var p in _raw)
        {
            _filled.Add(p);
        }

        Console.WriteLine($"// model version {_model.Version}, counts {string.Join(" ", _model.Counts.ToArray().Select(c => c.ToString("F0")))}");
    }

    /// <summary>Nearest of 8 centres for one standardized 16-feature point.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int NearestCentre()
    {
        var sum = 0;
        foreach (var z in _standardized)
        {
            sum += _centres.Nearest(z, out _);
        }

        return sum;
    }

    /// <summary>One pre-aggregator update: standardize, assign, add to the centre's sum, raw statistics, sample.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public long AddToBatch()
    {
        var batch = _model.NewBatch();
        foreach (var p in _raw)
        {
            batch.Add(p);
        }

        return batch.Points;
    }

    /// <summary>A mini-batch of 1,000 points end to end: aggregation, then the model applies it.</summary>
    [Benchmark]
    public long MiniBatchOf1000()
    {
        var batch = _model.NewBatch();
        foreach (var p in _raw)
        {
            batch.Add(p);
        }

        return _model.Apply(batch).Version;
    }

    /// <summary>The model's side alone: applying an aggregated batch of 1,000 points (sums, counts, statistics, 64 sampled points).</summary>
    [Benchmark]
    public long ApplyBatch() => _model.Apply(_filled).Version;
}
