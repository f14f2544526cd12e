namespace Pulse.Analytics.Graph;

/// <summary>
/// What <see cref="IncrementalPageRank"/> reads for every arc a push follows, in 16 bytes, so that a residual is
/// added and tested with one memory access; the estimate and the queue's bookkeeping, read once a push, live
/// in arrays of their own.
/// </summary>
internal struct PushState
{
    /// <summary>r(v).</summary>
    public double Residual;

    /// <summary>
    /// Queue the customer once |r| exceeds this: the threshold, or the floor of the next bucket up when queued
    /// already; −1 for another shard's customer, so that whatever reaches it leaves the fast path for the outbox.
    /// </summary>
    public float Limit;

    /// <summary>ε·(1 + outdeg(v)), rounded down to a float: push beyond it.</summary>
    public float Threshold;
}
