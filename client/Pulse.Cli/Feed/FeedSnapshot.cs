namespace Pulse.Cli.Feed;

/// <summary>The counters of a feed at one moment.</summary>
internal sealed record FeedSnapshot(
    TimeSpan Elapsed,
    long Sent,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Failed,
    long Batches,
    long FailedBatches,
    long Retries,
    IReadOnlyList<string> Problems,
    string? LastProblem = null,
    Bench.PercentileSummary? AckLatency = null)
{
    /// <summary>Events the server has answered for, one way or another.</summary>
    public long Answered => Accepted + Duplicates + Rejected;

    /// <summary>Accepted events per second over the whole run.</summary>
    public double AcceptedPerSecond => Elapsed > TimeSpan.Zero ? Accepted / Elapsed.TotalSeconds : 0;

    /// <summary>Sent events per second over the whole run.</summary>
    public double SentPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;
}
