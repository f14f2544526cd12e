namespace Pulse.Analytics.Graph;

/// <summary>
/// What <see cref="IncrementalPageRank"/> reads once a push or a queue visit rather than once an arc, in 16
/// bytes apart from <see cref="PushState"/>, which every arc reaches and which is thus kept small.
/// </summary>
internal struct PushEstimate
{
    /// <summary>p(v).</summary>
    public double Estimate;

    /// <summary>The bucket the customer is queued in; −1 when not queued.</summary>
    public int Level;

    /// <summary>The flush that last pushed the customer.</summary>
    public int Flush;
}
