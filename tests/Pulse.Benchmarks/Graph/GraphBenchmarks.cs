using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Graph;

namespace Pulse.Benchmarks.Graph;

/// <summary>
/// Influence on a 100,000-customer, 1,000,000-edge preferential-attachment graph (1.2 million arcs: a
/// fifth of the edges are mutual households): a full weighted PageRank from scratch (converged to 1e-14 a
/// customer, 19 iterations; and at NetworkX's default tolerance, 3 iterations and an L1 error of 2.5e-2
/// at this size), a warm-started one, and incremental updates of one edge and of 100 edges. Target
/// (issue 7): an incremental update at most a tenth of a full recompute. Threshold is the incremental
/// push threshold ε: 1e-7 (the default; 7e-8 in L1 from a recompute as measured), 1e-6 (7e-7) and 1e-5
/// (6e-6 to 7e-6). Visits of customers and arcs, pushes and sweeps per flush, against the converged
/// recompute's visits, are printed at the end of each incremental run.
/// </summary>
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private const int Customers = 100_000;
    private const int LinksPerCustomer = 10;
    private const int Batch = 100;

    private RelationshipGraph _graph = null!;
    private QuikGraphView _view = null!;
    private IncrementalPageRank _live = null!;
    private PageRankResult _converged = null!;
    private double[] _previous = [];
    private Random _random = null!;
    private long _at;
    private long _flushes;
    private long _changes;
    private long _work;
    private long _pushes;

    [Params(1e-7, 1e-6, 1e-5)]
    public double Threshold { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _graph = PreferentialAttachment.Generate(Customers, LinksPerCustomer, seed: 1);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        _view = new QuikGraphView(_graph);
        _converged = PageRank.Compute(_graph, new PageRankOptions { Tolerance = 1e-14, MaxIterations = 1_000 });
        _live = new IncrementalPageRank(_graph, new IncrementalPageRankOptions { Threshold = Threshold }, _converged);
        _previous = _converged.Scores;
        var withScores = GC.GetTotalMemory(forceFullCollection: true);
        _random = new Random(2);
        _at = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        Console.WriteLine(
            $"// graph: {_graph.CustomerCount:N0} customers, {_graph.EdgeCount:N0} edges, {_graph.ArcCount:N0} arcs; "
            + $"{(after - before) / (double)_graph.ArcCount:F1} B an arc with ids and customers, "
            + $"{(withScores - after) / (double)Customers:F0} B a customer for incremental PageRank");
        Console.WriteLine($"// converged recompute: {_converged.Iterations} iterations, {_converged.Work:N0} visits");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_flushes > 0)
        {
            var perFlush = _work / (double)_flushes;
            Console.WriteLine(
                $"// incremental (ε {Threshold:E0}): {_flushes:N0} flushes of {_changes / (double)_flushes:F0} changes; "
                + $"{perFlush:N0} visits, {_pushes / (double)_flushes:N0} pushes and {_live.TotalSweeps / (double)_flushes:F1} sweeps a flush = {perFlush / _converged.Work:F4} of a converged recompute; "
                + $"error bound from residuals {_live.ErrorBound():E2}");
        }

        _live.Dispose();
    }

    /// <summary>Cold, until the L1 change is below N·1e-14 (19 iterations here).</summary>
    [Benchmark(Baseline = true)]
    public PageRankResult FullRecomputeConverged() =>
        PageRank.Compute(_graph, new PageRankOptions { Tolerance = 1e-14, MaxIterations = 1_000 });

    /// <summary>Cold, NetworkX's default tolerance (1e-6 a customer: stops at an L1 change below 0.1 here).</summary>
    [Benchmark]
    public PageRankResult FullRecomputeNetworkXTolerance() => PageRank.Compute(_graph);

    /// <summary>Warm-started from the scores before one more change, until converged as the baseline.</summary>
    [Benchmark]
    public PageRankResult WarmRecomputeAfterOneChange()
    {
        Change();
        var result = PageRank.Compute(_graph, new PageRankOptions { Tolerance = 1e-14, MaxIterations = 1_000 }, _previous);
        _previous = result.Scores;
        return result;
    }

    /// <summary>One edge added or removed, then pushed.</summary>
    [Benchmark]
    public PushStatistics IncrementalOneEdge()
    {
        Change();
        return Flush();
    }

    /// <summary>
    /// Twenty edges, then pushed together: what a shard gathers between flushes at 1,000 relationships a second
    /// (a flush, then 20 ms of pause).
    /// </summary>
    [Benchmark]
    public PushStatistics IncrementalBatchOf20()
    {
        for (var i = 0; i < 20; i++)
        {
            Change();
        }

        return Flush();
    }

    /// <summary>A hundred edges added or removed, then pushed together.</summary>
    [Benchmark]
    public PushStatistics IncrementalBatchOf100()
    {
        for (var i = 0; i < Batch; i++)
        {
            Change();
        }

        return Flush();
    }

    private PushStatistics Flush()
    {
        var flushed = _live.Flush();
        _flushes++;
        _changes += flushed.Changes;
        _work += flushed.Work;
        _pushes += flushed.Pushes;
        return flushed;
    }

    /// <summary>Half the time a mention between two random customers, half the time a random edge removed.</summary>
    private void Change()
    {
        if (_random.Next(2) == 0)
        {
            _graph.Strengthen(_random.Next(Customers), _random.Next(Customers), RelationshipKind.Mention, _at);
            return;
        }

        int from;
        do
        {
            from = _random.Next(Customers);
        }
        while (_graph.OutDegree(from) == 0);

        var arc = _view.OutEdge(from, _random.Next(_graph.OutDegree(from)));
        _graph.Remove(from, arc.Target, arc.Kind);
    }
}
