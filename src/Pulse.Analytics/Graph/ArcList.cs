namespace Pulse.Analytics.Graph;

/// <summary>
/// A customer's out-arcs: the array (grown by doubling), how many are in use, and their total weight, side
/// by side so that reaching a customer's arcs is one memory access.
/// </summary>
internal struct ArcList
{
    public Arc[] Items;
    public int Count;

    /// <summary>The sum of the arcs' weights as of the landmark.</summary>
    public double Weight;
}
