namespace Pulse.Analytics.Graph;

/// <summary>
/// Everything <see cref="IncrementalPageRank"/> keeps for one customer, in 32 bytes, so that a push, or a
/// residual added and tested, reaches the customer in one memory access.
/// </summary>
internal struct PushState
{
    /// <summary>r(v).</summary>
    public double Residual;

    /// <summary>p(v).</summary>
    public double Estimate;

    /// <summary>ε·(1 + outdeg(v)), rounded down to a float: push beyond it.</summary>
    public float Threshold;

    /// <summary>Queue the customer once |r| exceeds this: the threshold, or the floor of the next bucket up when queued already.</summary>
    public float Limit;

    /// <summary>The bucket the customer is queued in; −1 when not queued.</summary>
    public int Level;

    /// <summary>The flush that last pushed the customer.</summary>
    public int Stamp;
}
