using System.Collections.Concurrent;
using Pulse.Cli.Api;

namespace Pulse.Cli.Feed;

/// <summary>Counters of a running feed, updated by every sender at once and read by the display.</summary>
internal sealed class FeedStatistics(TimeProvider time)
{
    private const int MaxProblems = 5;

    private readonly long _started = time.GetTimestamp();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<double> _ackMilliseconds = new();
    private long _sent;
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long _failed;
    private long _batches;
    private long _failedBatches;
    private long _stoppedTimestamp;
    private volatile string? _lastProblem;

    /// <summary>Resends so far; supplied by the API client, which counts them.</summary>
    public Func<long> Retries { get; init; } = () => 0;

    public void Sending(int events)
    {
        Interlocked.Add(ref _sent, events);
        Interlocked.Increment(ref _batches);
    }

    public void Answered(IngestResult result)
    {
        Interlocked.Add(ref _accepted, result.Accepted);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        Interlocked.Add(ref _rejected, result.Rejected.Count);
        foreach (var r in result.Rejected.Take(MaxProblems))
        {
            Note($"rejected: {r.Field}: {r.Reason}");
        }
    }

    /// <summary>How long a POST took from send to its answer (retries included): the ingest latency a sender sees.</summary>
    public void Acknowledged(TimeSpan elapsed) => _ackMilliseconds.Enqueue(elapsed.TotalMilliseconds);

    /// <summary>A whole batch that never got an answer: its events are counted as failed, never lost silently.</summary>
    public void BatchFailed(int events, string reason)
    {
        Interlocked.Add(ref _failed, events);
        Interlocked.Increment(ref _failedBatches);
        Note(reason);
    }

    /// <summary>Freezes the elapsed time (the run is over).</summary>
    public void Stop() => Interlocked.CompareExchange(ref _stoppedTimestamp, time.GetTimestamp(), 0);

    public FeedSnapshot Snapshot()
    {
        var stopped = Interlocked.Read(ref _stoppedTimestamp);
        var elapsed = time.GetElapsedTime(_started, stopped != 0 ? stopped : time.GetTimestamp());
        return new FeedSnapshot(
            elapsed,
            Interlocked.Read(ref _sent),
            Interlocked.Read(ref _accepted),
            Interlocked.Read(ref _duplicates),
            Interlocked.Read(ref _rejected),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _batches),
            Interlocked.Read(ref _failedBatches),
            Retries(),
            [.. _problems],
            _lastProblem,
            // Sorting every sample on each display refresh is wasted work: only the closing summary shows it.
            stopped != 0 ? Bench.Percentiles.Summarize(_ackMilliseconds) : null);
    }

    private void Note(string problem)
    {
        _lastProblem = problem;

        // Keeps the first few, which usually say what is wrong; the rest are counted, not listed.
        if (_problems.Count < MaxProblems)
        {
            _problems.Enqueue(problem);
        }
    }
}
